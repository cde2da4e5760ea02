// Interaction with 10,000 polygons of 40 vertices on a 2208 x 2208 image, in headless Chromium
// with frame-rate limiting off (bench/interaction.ts says what is measured and how). Per gesture
// (pan over 7 viewport widths, wheel zoom x18 in and out, vertex drag, object drag, a 40-vertex
// outline, a brush stroke): input to next paint, the longest task and animation frame during it
// and 1 s after, and, in a second pass, frames with a visible object missing or drawn scaled;
// each gesture's effect checked. Also click to selection and change to durable write.
// Reference, same run: the same gestures on the same image with no objects (for saving: a bare
// IndexedDB put).
import type { Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withApp } from './browser';
import { barePutTimes, brushStroke, drawOutline, noiseImage, objectDrag, pan, ringOf, saveTimes, select, storeObjects, vertexDrag, zoom, type Outcome, type Scene, type Viewer } from './gestures';
import { installRecorder, UNTHROTTLED } from './interaction';
import { median, percentile, row, type Row } from './stats';

const SCENE: Scene = { size: 2208, grid: 100, cell: 22.08, vertices: 40 };
const NAME = 'dense_2208.png';

const GESTURES = [
  { name: 'pan', run: pan, latencyTarget: 16 },
  { name: 'wheel zoom', run: zoom, latencyTarget: 16 },
  { name: 'vertex drag', run: vertexDrag, latencyTarget: 16 },
  { name: 'object drag', run: objectDrag, latencyTarget: 16 },
  { name: '40-vertex outline', run: drawOutline, latencyTarget: null },
  { name: 'brush stroke', run: brushStroke, latencyTarget: null },
] as const;

/** Every gesture once, in order (the object drag follows the vertex drag on the same object). */
async function runGestures(v: Viewer, pass: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const gesture of GESTURES) outcomes.push(await gesture.run(v, pass));
  return outcomes;
}

/** The measuring pass: selection clicks and saves, then the gestures. */
async function runPass(v: Viewer): Promise<{ outcomes: Outcome[]; select: Outcome; saves: number[] }> {
  const clicks = await select(v);
  const saves = await saveTimes(v);
  return { outcomes: await runGestures(v, 0), select: clicks, saves };
}

/** Opens the image, optionally with the scene's objects stored, and waits until it is shown. */
export async function openScene(page: Page, imagePath: string, name: string, scene: Scene | null): Promise<Viewer['box']> {
  if (scene) {
    await storeObjects(page, scene, name);
    await page.reload();
    await page.getByTestId('object-count').filter({ hasText: String(scene.grid * scene.grid) }).waitFor({ timeout: 30_000 });
  } else await page.locator('header [data-testid="file-input"]').setInputFiles(imagePath);
  await page.locator(`[data-testid="viewer"][data-shown-image="${name}"]`).waitFor({ timeout: 30_000 });
  await installRecorder(page);
  return (await page.getByTestId('viewer').boundingBox())!;
}

/** The rows of one gesture: latency, Event Timing, tasks, frames, effect; with sampling, missing and scaled frames. */
export function gestureRows(label: string, latencyTarget: number | null, dense: Outcome, empty: Outcome, sampled: Outcome | null, refName: string): Row[] {
  const p95 = (o: Outcome) => percentile(o.recording.latencies.map((l) => l.latency), 95);
  const ref = (value: number) => ({ name: refName, value });
  const rows = [
    row(`${label}: input to next paint, p95 (rAF-after-input, ${dense.recording.latencies.length} events)`, p95(dense), 'ms', latencyTarget === null ? null : { max: latencyTarget }, ref(p95(empty)), dense.recording.latencies.map((l) => l.latency)),
    row(`${label}: events over 16 ms by the Event Timing API`, dense.recording.slowEvents.length, 'events', null, ref(empty.recording.slowEvents.length), dense.recording.slowEvents),
    row(`${label}: longest task, during and 1 s after`, dense.recording.longestTask, 'ms', { max: 50 }, ref(empty.recording.longestTask)),
    row(`${label}: longest animation frame over 50 ms, during and 1 s after (0: none)`, dense.recording.longestFrame, 'ms', null, ref(empty.recording.longestFrame)),
    row(`${label}: effect checked${dense.failure ? ` (${dense.failure})` : ''}${empty.failure ? ` (reference: ${empty.failure})` : ''}`, dense.failure || empty.failure ? 0 : 1, 'ok', { min: 1 }),
  ];
  if (sampled) {
    const frames = sampled.recording.frames;
    rows.push(
      row(`${label}: frames with a visible object missing, of ${frames} sampled`, frames ? sampled.recording.missingFrames : NaN, 'frames', { max: 0 }),
      row(`${label}: frames drawn from a scaled bitmap, of ${frames} sampled`, sampled.recording.coarseFrames, 'frames', null),
      row(`${label} (sampling pass): effect checked${sampled.failure ? ` (${sampled.failure})` : ''}`, sampled.failure ? 0 : 1, 'ok', { min: 1 }),
    );
    if (sampled.sharpMs !== undefined) rows.push(row(`${label}: last wheel event to sharp, complete objects (worst of in, out)`, sampled.sharpMs, 'ms', { max: 100 }));
  }
  return rows;
}

export async function benchAnnotate(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nuclei-bench-'));
  const imagePath = join(dir, NAME);
  writeFileSync(imagePath, noiseImage(SCENE.size));
  return withApp(
    async (page) => {
      const emptyBox = await openScene(page, imagePath, NAME, null);
      const empty = await runPass({ page, box: emptyBox, scene: null, sampling: false, moved: new Set<number>() });
      const box = await openScene(page, imagePath, NAME, SCENE);
      const moved = new Set<number>(); // shared: the sampling pass must not look for objects the first pass moved
      const dense = await runPass({ page, box, scene: SCENE, sampling: false, moved });
      const sampled = await runGestures({ page, box, scene: SCENE, sampling: true, moved }, 1);
      const floor = await barePutTimes(page, ringOf(SCENE, 0));
      const refName = 'same gesture, no objects';
      const clicks = (o: Outcome) => o.recording.latencies.filter((l) => l.type === 'mousedown').map((l) => l.latency);
      return [
        ...GESTURES.flatMap((gesture, i) => gestureRows(gesture.name, gesture.latencyTarget, dense.outcomes[i], empty.outcomes[i], sampled[i], refName)),
        row('click to selection painted, p95 of 15 clicks at fit', percentile(clicks(dense.select), 95), 'ms', { max: 30 }, { name: refName, value: percentile(clicks(empty.select), 95) }, clicks(dense.select)),
        row(`selection clicks: effect checked${dense.select.failure ? ` (${dense.select.failure})` : ''}`, dense.select.failure ? 0 : 1, 'ok', { min: 1 }),
        row('a change to durable in IndexedDB (change to write committed), worst of 15', Math.max(...dense.saves), 'ms', { max: 50 }, { name: 'one bare IndexedDB put of one object, median', value: median(floor) }, dense.saves),
      ];
    },
    { args: UNTHROTTLED },
  );
}
