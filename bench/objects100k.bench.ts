// 100,489 objects (a 317 x 317 grid of 20-vertex outlines, 14 px apart) on one 4438 x 4438 image,
// in headless Chromium with frame-rate limiting off: opening it (reload to every object counted
// and drawn sharp), panning over 7 viewport widths (as in the annotate benchmark, with the
// sampling pass for missing objects), selecting by clicks at 1:1, and exporting its
// `_objects.png` (checked: one colour per object). Reference, same run: the same image and
// gestures with no objects.
import type { Page } from '@playwright/test';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePng } from '../src/core/formats/png';
import { gestureRows, openScene } from './annotate.bench';
import { withApp } from './browser';
import { noiseImage, pan, select, type Outcome, type Scene, type Viewer } from './gestures';
import { installRecorder, UNTHROTTLED } from './interaction';
import { percentile, row, type Row } from './stats';

const SCENE: Scene = { size: 4438, grid: 317, cell: 14, vertices: 20 };
const NAME = 'objects100k_4438.png';
const COUNT = SCENE.grid * SCENE.grid;

/** Reload to the objects counted and drawn sharp (ms), and the longest task meanwhile. */
async function reopen(page: Page, count: number): Promise<{ ms: number; longestTask: number }> {
  const start = Date.now();
  await page.reload();
  await page.getByTestId('object-count').filter({ hasText: new RegExp(`^${count}$`) }).waitFor({ timeout: 120_000 });
  await page.locator(`[data-testid="viewer"][data-shown-image="${NAME}"]`).waitFor({ timeout: 120_000 });
  if (count > 0) await page.locator('canvas[data-objects="sharp"]').waitFor({ timeout: 120_000 });
  const ms = Date.now() - start;
  const longestTask = await page.evaluate(() => Math.max(0, ...performance.getEntriesByType('longtask').map((entry) => entry.duration)));
  await installRecorder(page);
  return { ms, longestTask };
}

/** Exports the image's `_objects.png`: ms from the click to the file, and the number of colours in it (black left out). */
async function exportMask(page: Page): Promise<{ ms: number; colours: number }> {
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByRole('radio', { name: /random, seeded/ }).check();
  const start = Date.now();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await dialog.getByRole('button', { name: 'Export this image' }).click();
  const path = await (await download).path();
  const ms = Date.now() - start;
  await dialog.getByRole('button', { name: 'Close' }).click();
  const png = decodePng('objects.png', new Uint8Array(readFileSync(path)));
  const colours = new Set<number>();
  if (png.channels !== 3) throw new Error(`the export is not RGB (${png.channels} channels)`);
  for (let i = 0; i < png.data.length; i += 3) colours.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
  colours.delete(0);
  return { ms, colours: colours.size };
}

async function measure(page: Page, box: Viewer['box'], scene: Scene | null): Promise<{ pan: Outcome; select: Outcome; sampled: Outcome | null }> {
  const v: Viewer = { page, box, scene, sampling: false, moved: new Set() };
  return { pan: await pan(v), select: await select(v, '1'), sampled: scene ? await pan({ ...v, sampling: true }) : null };
}

export async function benchObjects100k(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nuclei-bench-'));
  const imagePath = join(dir, NAME);
  writeFileSync(imagePath, noiseImage(SCENE.size));
  return withApp(
    async (page) => {
      await openScene(page, imagePath, NAME, null);
      const emptyOpen = await reopen(page, 0);
      const box = (await page.getByTestId('viewer').boundingBox())!;
      const empty = await measure(page, box, null);
      const emptyExport = await exportMask(page);
      await openScene(page, imagePath, NAME, SCENE);
      const open = await reopen(page, COUNT);
      const dense = await measure(page, box, SCENE);
      const exported = await exportMask(page);
      const refName = 'same image, no objects';
      const clicks = (o: Outcome) => o.recording.latencies.filter((l) => l.type === 'mousedown').map((l) => l.latency);
      return [
        row(`open (reload to ${COUNT} objects counted and drawn sharp)`, open.ms, 'ms', { max: 5000 }, { name: refName, value: emptyOpen.ms }),
        row('open: longest task', open.longestTask, 'ms', null, { name: refName, value: emptyOpen.longestTask }),
        ...gestureRows('pan, 100k objects', 16, dense.pan, empty.pan, dense.sampled, refName),
        row('click to selection painted at 1:1, p95 of 15 clicks, 100k objects', percentile(clicks(dense.select), 95), 'ms', { max: 30 }, { name: refName, value: percentile(clicks(empty.select), 95) }, clicks(dense.select)),
        row(`selection clicks, 100k objects: effect checked${dense.select.failure ? ` (${dense.select.failure})` : ''}`, dense.select.failure ? 0 : 1, 'ok', { min: 1 }),
        row(`export _objects.png (click to file), 100k objects`, exported.ms, 'ms', { max: 10_000 }, { name: refName, value: emptyExport.ms }),
        row(`export: one colour per object (${exported.colours} colours for ${COUNT} objects)`, exported.colours === COUNT ? 1 : 0, 'ok', { min: 1 }),
      ];
    },
    { args: UNTHROTTLED },
  );
}
