// Brush speed on the test split's densest image (1104 x 1104, its ground-truth objects
// imported): the delay from each mouse move of a stroke to the next painted frame, the longest
// task during the stroke and in the half second after it (when the exact outline is made), and
// the release-to-object time. Reference, same run and path: a box-selection drag, which only
// draws a rectangle. Checks that each stroke made one new object.
import type { Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeMask } from '../src/core/mask/decodeMask';
import { sharedDataDir } from '../src/core/testing/sharedData';
import { withApp } from './browser';
import { median, round, type Measurement } from './stats';

const STROKES = 6;
const MOVES = 60;
/** A frame at 60 Hz: display rate means each move painted within it. */
const FRAME_MS = 1000 / 60;

function densestTestImage(): { image: string; mask: string; objects: number } {
  const dir = join(sharedDataDir()!, 'aitslab-bioimaging1', 'test');
  const masks = readdirSync(dir).filter((name) => name.endsWith('_objects.png'));
  const counted = masks.map((mask) => ({ mask: join(dir, mask), image: join(dir, mask.replace('_objects.png', '.png')), objects: decodeMask(mask, new Uint8Array(readFileSync(join(dir, mask)))).values.length }));
  return counted.sort((a, b) => b.objects - a.objects)[0];
}

interface Gesture {
  moveToPaint: number[];
  longestDuring: number;
  longestAfter: number;
  releaseToObject: number;
}

/** Records, in the page, each mouse move's delay to the next frame and every long task. */
async function startRecording(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { bench: { delays: number[]; pending: number[]; tasks: Array<{ start: number; duration: number }>; stop: () => void } };
    const bench = { delays: [] as number[], pending: [] as number[], tasks: [] as Array<{ start: number; duration: number }>, stop: () => {} };
    const onMove = (event: MouseEvent) => bench.pending.push(event.timeStamp);
    window.addEventListener('mousemove', onMove, true);
    let running = true;
    const frame = (now: number) => {
      for (const at of bench.pending) bench.delays.push(now - at);
      bench.pending = [];
      if (running) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => bench.tasks.push({ start: entry.startTime, duration: entry.duration })));
    observer.observe({ type: 'longtask' });
    bench.stop = () => {
      running = false;
      observer.disconnect();
      window.removeEventListener('mousemove', onMove, true);
    };
    w.bench = bench;
  });
}

async function gesture(page: Page, from: { x: number; y: number }, mode: 'brush' | 'box'): Promise<Gesture> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  if (mode === 'brush') await page.keyboard.press('b');
  const countBefore = Number(await page.getByTestId('object-count').textContent());
  await page.mouse.move(from.x, from.y);
  await startRecording(page);
  const start = await page.evaluate(() => performance.now());
  await page.mouse.down();
  for (let i = 1; i <= MOVES; i++) await page.mouse.move(from.x + i * 2, from.y + 25 * Math.sin(i / 8));
  const released = await page.evaluate(() => performance.now());
  await page.mouse.up();
  if (mode === 'brush') await page.getByTestId('object-count').filter({ hasText: String(countBefore + 1) }).waitFor({ timeout: 10_000 });
  const done = await page.evaluate(() => performance.now());
  await page.waitForTimeout(500);
  const recorded = await page.evaluate(() => {
    const w = window as unknown as { bench: { delays: number[]; tasks: Array<{ start: number; duration: number }>; stop: () => void } };
    w.bench.stop();
    return { delays: w.bench.delays, tasks: w.bench.tasks };
  });
  const longest = (from: number, to: number) => Math.max(0, ...recorded.tasks.filter((task) => task.start >= from && task.start < to).map((task) => task.duration));
  return {
    moveToPaint: recorded.delays,
    longestDuring: longest(start, released),
    longestAfter: longest(released, released + 500 + (done - released)),
    releaseToObject: mode === 'brush' ? done - released : 0,
  };
}

export async function benchBrush(): Promise<Measurement[]> {
  const { image, mask, objects } = densestTestImage();
  return withApp(async (page) => {
    await page.locator('header [data-testid="file-input"]').setInputFiles([image, mask]);
    await page.getByTestId('object-count').filter({ hasText: String(objects) }).waitFor({ timeout: 60_000 });
    const box = (await page.getByTestId('viewer').boundingBox())!;
    const brush: Gesture[] = [], reference: Gesture[] = [];
    for (let i = 0; i < STROKES; i++) {
      const from = { x: box.x + 40 + (i % 3) * 200, y: box.y + 120 + Math.floor(i / 3) * 300 };
      brush.push(await gesture(page, from, 'brush'));
      reference.push(await gesture(page, from, 'box'));
    }
    const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? NaN;
    const all = (gestures: Gesture[]) => gestures.flatMap((g) => g.moveToPaint);
    const row = (name: string, runs: number[], referenceRuns: number[], target: number, value = median(runs)): Measurement => ({
      name,
      unit: 'ms',
      median: round(value),
      runs: runs.map(round),
      reference: { name: 'box-selection drag along the same path, same image', median: round(median(referenceRuns)), runs: referenceRuns.map(round) },
      target: `< ${round(target)} ms`,
      meetsTarget: value < target,
    });
    return [
      row(`brush stroke, mouse move to painted frame, 95th percentile (${objects} objects, 1104 x 1104)`, all(brush), all(reference), 2 * FRAME_MS, p95(all(brush))),
      row('brush stroke, longest task during the stroke', brush.map((g) => g.longestDuring), reference.map((g) => g.longestDuring), 50),
      row('brush stroke, longest task from release until the outline is made and 0.5 s after', brush.map((g) => g.longestAfter), reference.map((g) => g.longestAfter), 100),
      row('brush stroke, release to the new object in the list', brush.map((g) => g.releaseToObject), reference.map(() => 0), 200),
    ];
  });
}
