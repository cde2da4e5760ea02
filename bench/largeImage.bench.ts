// A 20,000 x 20,000 8-bit image (400 MP, the size limit; generated) in the built app, headless
// Chromium: bringing it in (decoded in bands into a tile pyramid), opening it from the project,
// panning at 100 % across five viewport widths and wheel-zooming from 100 % to the whole image
// and back. Every gesture is checked (the view moved or zoomed as asked, the pixels shown are the
// image's), frames in which part of the view is blank are counted, and the longest task during
// and in the second after each gesture is taken. Reference, in the same run and page: the same on
// a 1104 x 1104 dataset image, which is held whole.
import type { Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodePng, readPngHeader } from '../src/core/formats/png';
import { pngBands } from '../src/core/formats/pngBands';
import { drawPolygon, placement, waitUntilSaved } from '../e2e/annotation';
import { exportFile, pixelsInside } from '../e2e/masks';
import { pngChunk } from '../src/core/formats/pngLabels';
import { deflateZlib } from '../src/core/formats/zlib';
import { withApp } from './browser';
import { median, row, type Row } from './stats';

const SIDE = 20_000;
const LARGE = 'tissue-20000.png';
const SMALL_PATH = resolve(import.meta.dirname, '../../shared/data/aitslab-bioimaging1/train/MFGTMPcx7_170702000001_B14f07d0.png');
const SMALL = 'MFGTMPcx7_170702000001_B14f07d0.png';

/** Grey level of the generated image: blocks of 1024 px that differ by position, with a fine texture. */
const value = (x: number, y: number) => 40 + (((x >> 10) * 7 + (y >> 10) * 3) % 150) + ((x ^ y) & 15);

/** Writes the 20,000 x 20,000 PNG row by row (filter 0) and deflates it once: ~400 MB of samples. */
function largePng(): string {
  const rowBytes = SIDE + 1;
  const raw = new Uint8Array(rowBytes * SIDE);
  for (let y = 0; y < SIDE; y++) for (let x = 0, at = y * rowBytes + 1; x < SIDE; x++) raw[at + x] = value(x, y);
  const header = new Uint8Array(13);
  new DataView(header.buffer).setUint32(0, SIDE);
  new DataView(header.buffer).setUint32(4, SIDE);
  header[8] = 8;
  const parts = [Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10), pngChunk('IHDR', header), pngChunk('IDAT', deflateZlib(raw, 1)), pngChunk('IEND', new Uint8Array(0))];
  const path = join(mkdtempSync(join(tmpdir(), 'large-bench-')), LARGE);
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

/** Starts counting, each frame, points of the view where the image layer drew nothing, and the longest task. */
async function startWatching(page: Page, image: { width: number; height: number }): Promise<void> {
  await page.evaluate((image) => {
    const w = window as unknown as { watch: { blankFrames: number; frames: number; longest: number; on: boolean } };
    w.watch = { blankFrames: 0, frames: 0, longest: 0, on: true };
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="viewer"] canvas')!; // the image layer
    const context = canvas.getContext('2d')!;
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => (w.watch.longest = Math.max(w.watch.longest, entry.duration))));
    observer.observe({ type: 'longtask' });
    const viewer = document.querySelector<HTMLElement>('[data-testid="viewer"]')!;
    let previous = viewer.dataset.view!;
    const frame = () => {
      if (!w.watch.on) return observer.disconnect();
      const { width, height } = canvas;
      // Points of the view that lie on the image in this frame's view and the last one's (the
      // canvas may still show the last one; outside the image nothing is drawn, rightly).
      const views = [viewer.dataset.view!, previous].map((text) => text.split(' ').map(Number));
      previous = viewer.dataset.view!;
      const onImage = (sx: number, sy: number) => views.every(([zoom, x, y]) => (sx - x) / zoom > 1 && (sy - y) / zoom > 1 && (sx - x) / zoom < image.width - 1 && (sy - y) / zoom < image.height - 1);
      const points = [[0.5, 0.5], [0.1, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.9]]
        .map(([fx, fy]) => [Math.floor(width * fx), Math.floor(height * fy)])
        .filter(([sx, sy]) => onImage(sx, sy));
      const blank = points.some(([sx, sy]) => context.getImageData(sx, sy, 1, 1).data[3] === 0);
      w.watch.frames++;
      if (blank) w.watch.blankFrames++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, image);
}

/** Waits a second after the gesture, stops watching, and returns what was seen. */
async function stopWatching(page: Page): Promise<{ blankFrames: number; frames: number; longest: number }> {
  await page.waitForTimeout(1000);
  return page.evaluate(() => {
    const w = window as unknown as { watch: { blankFrames: number; frames: number; longest: number; on: boolean } };
    w.watch.on = false;
    return w.watch;
  });
}

const view = async (page: Page) => (await page.getByTestId('viewer').getAttribute('data-view'))!.split(' ').map(Number);

/** Ms from the last `mark-from` to the next tiles-complete (or image-shown for a whole image). */
async function untilComplete(page: Page, tiled: boolean): Promise<number> {
  await page.evaluate(() => new Promise(requestAnimationFrame)); // the gesture's last draw
  if (tiled) await page.locator('[data-testid="viewer"][data-tiles-missing="0"]').waitFor();
  return page.evaluate((tiled) => {
    const from = performance.getEntriesByName('gesture-end').at(-1)!.startTime;
    const done = performance.getEntriesByName(tiled ? 'tiles-complete' : 'image-shown').filter((mark) => mark.startTime >= from).at(0);
    return done ? done.startTime - from : 0; // a whole image never waits for anything
  }, tiled);
}

/**
 * Checks the screen pixel at the viewer's middle: at 100 % and more it is `valueAt` there; zoomed
 * out, the generated image's pixel is the mean of its 1024-px block's range, and the reference
 * (smoothed by the browser) is only checked to be drawn.
 */
async function checkShown(page: Page, what: string, valueAt: (x: number, y: number) => number, generated: boolean): Promise<void> {
  const [zoom, x, y] = await view(page);
  const box = (await page.getByTestId('viewer').boundingBox())!;
  const ix = Math.floor((box.width / 2 - x) / zoom), iy = Math.floor((box.height / 2 - y) / zoom);
  const [shown, alpha] = await page.evaluate(({ sx, sy }) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="viewer"] canvas')!;
    const pixel = canvas.getContext('2d')!.getImageData(sx, sy, 1, 1).data;
    return [pixel[0], pixel[3]];
  }, { sx: Math.floor(ix * zoom + x + zoom / 2), sy: Math.floor(iy * zoom + y + zoom / 2) });
  const base = value(ix, iy) - ((ix ^ iy) & 15);
  const right = alpha === 255 && (zoom >= 1 ? shown === valueAt(ix, iy) : !generated || (shown >= base && shown <= base + 15));
  if (!right) throw new Error(`${what}: the view shows ${shown} (alpha ${alpha}) at image point (${ix}, ${iy}), the image has ${valueAt(ix, iy)}`);
}

interface Gestures {
  open: number;
  openComplete: number;
  pan: { longest: number; blankFrames: number; complete: number };
  zoom: { longest: number; blankFrames: number; complete: number };
}

async function gestures(page: Page, name: string, other: string, side: number, valueAt: (x: number, y: number) => number, tiled: boolean): Promise<Gestures> {
  const image = { width: side, height: side };
  const opens: number[] = [], completes: number[] = [];
  for (let i = 0; i < 4; i++) {
    await page.locator(`[data-testid="image-row"][data-name="${other}"]`).click();
    await page.locator(`[data-testid="viewer"][data-shown-image="${other}"]`).waitFor();
    await page.evaluate(() => performance.clearMarks());
    await page.locator(`[data-testid="image-row"][data-name="${name}"]`).click();
    await page.locator(`[data-testid="viewer"][data-shown-image="${name}"]`).waitFor();
    const opened = await page.evaluate(() => performance.getEntriesByName('image-shown').at(-1)!.startTime - performance.getEntriesByName('image-open-requested').at(-1)!.startTime);
    if (tiled) await page.locator('[data-testid="viewer"][data-tiles-missing="0"]').waitFor();
    const complete = !tiled ? opened : await page.evaluate(() => performance.getEntriesByName('tiles-complete').at(0)!.startTime - performance.getEntriesByName('image-open-requested').at(-1)!.startTime);
    if (i > 0) opens.push(opened), completes.push(complete); // the first warms up
  }
  await checkShown(page, `${name} opened`, valueAt, tiled);

  // Pan at 100 %: five viewport widths to the left, one continuous middle-button drag.
  await page.keyboard.press('1');
  await page.getByTestId('viewer').locator('canvas').first().waitFor();
  const box = (await page.getByTestId('viewer').boundingBox())!;
  const before = await view(page);
  await startWatching(page, image);
  const distance = tiled ? 5 * box.width : 400; // the reference is only 1104 px wide
  await page.mouse.move(box.x + box.width - 10, box.y + box.height / 2);
  await page.mouse.down({ button: 'middle' });
  const steps = Math.round(distance / 40);
  for (let i = 1; i <= steps; i++) await page.mouse.move(box.x + box.width - 10 - (distance * i) / steps, box.y + box.height / 2 + (i % 2));
  await page.mouse.up({ button: 'middle' });
  await page.evaluate(() => performance.mark('gesture-end'));
  const panComplete = await untilComplete(page, tiled);
  const pan = await stopWatching(page);
  const after = await view(page);
  if (Math.abs(after[1] - before[1] + distance) > 1 || Math.abs(after[2] - before[2] - ((steps % 2))) > 1) throw new Error(`${name}: the pan moved the view by ${after[1] - before[1]}, not ${-distance}`);
  await checkShown(page, `${name} after the pan`, valueAt, tiled);

  // Wheel zoom at the middle: out to the whole image, then back in to 100 %, a notch a frame.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await startWatching(page, image);
  const zooms: number[] = [];
  const notch = async (direction: number) => {
    await page.mouse.wheel(0, 100 * direction);
    await page.evaluate(() => new Promise(requestAnimationFrame));
    zooms.push((await view(page))[0]);
  };
  for (let i = 0; i < 16; i++) await notch(1);
  while (zooms.at(-1)! < 1 && zooms.length < 60) await notch(-1);
  await page.evaluate(() => performance.mark('gesture-end'));
  const zoomComplete = await untilComplete(page, tiled);
  const zoom = await stopWatching(page);
  const smallest = Math.min(...zooms), last = zooms.at(-1)!;
  const fit = Math.min(box.width, box.height) / side;
  if (smallest > fit * 1.01 || last < 1) throw new Error(`${name}: the wheel zoomed down to ${smallest} and back to ${last}, not to the whole image (${fit}) and back to 100 %`);
  await checkShown(page, `${name} after zooming out and in`, valueAt, tiled);
  return {
    open: median(opens),
    openComplete: median(completes),
    pan: { longest: pan.longest, blankFrames: pan.blankFrames, complete: panComplete },
    zoom: { longest: zoom.longest, blankFrames: zoom.blankFrames, complete: zoomComplete },
  };
}

/**
 * Outlines a square at the view's middle, exports `_objects.png` from the export dialog and
 * returns ms from the click to the download; checks the file (read in bands) has exactly the
 * square's pixels set.
 */
async function timeExport(page: Page): Promise<number> {
  const p = await placement(page);
  const box = (await page.getByTestId('viewer').boundingBox())!;
  const [cx, cy] = [Math.round((box.x + box.width / 2 - p.originX) / p.zoom), Math.round((box.y + box.height / 2 - p.originY) / p.zoom)];
  await page.keyboard.press('n');
  const ring = await drawPolygon(page, p, [[cx - 40, cy - 40], [cx + 40, cy - 40], [cx + 40, cy + 40], [cx - 40, cy + 40]]);
  await waitUntilSaved(page);
  const start = Date.now();
  page.setDefaultTimeout(180_000); // the download comes when the 400 MP mask is written
  const { bytes } = await exportFile(page, /_objects\.png/, 'Export this image');
  page.setDefaultTimeout(30_000);
  await page.keyboard.press('Escape'); // closes the export dialog
  const ms = Date.now() - start;
  const expected = pixelsInside(ring, SIDE).size;
  let set = 0, y = 0;
  for (const band of pngBands('export', bytes, readPngHeader(bytes), 256)) {
    for (let i = 0; i < band.count * SIDE * 3; i += 3) if (band.samples[i] || band.samples[i + 1] || band.samples[i + 2]) set++;
    y += band.count;
  }
  if (y !== SIDE || set !== expected) throw new Error(`the exported mask has ${y} rows and ${set} object pixels, not ${SIDE} and ${expected}`);
  return ms;
}

export function benchLargeImage(): Promise<Row[]> {
  const path = largePng();
  return withApp(async (page) => {
    await page.locator('header [data-testid="file-input"]').setInputFiles(SMALL_PATH);
    await page.locator(`[data-testid="viewer"][data-shown-image="${SMALL}"]`).waitFor();
    const start = Date.now();
    await page.locator('header [data-testid="file-input"]').setInputFiles(path);
    await page.locator(`[data-testid="image-row"][data-name="${LARGE}"]`).waitFor({ timeout: 600_000 });
    const intake = Date.now() - start;
    const heapBefore = await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
    const large = await gestures(page, LARGE, SMALL, SIDE, value, true);
    const heap = await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
    const exported = await timeExport(page);
    const reference = decodePng(SMALL, readFileSync(SMALL_PATH));
    const small = await gestures(page, SMALL, LARGE, 1104, (x, y) => reference.data[(y * reference.width + x) * reference.channels], false);
    const ref = (value: number) => ({ name: '1104 x 1104, held whole; pans 400 px', value });
    const what = '20000 x 20000';
    return [
      row(`${what}: bringing the PNG in (decoded in bands into tiles, stored)`, intake, 'ms', { max: 120_000 }),
      row(`${what}: open from the project (click to the overview drawn)`, large.open, 'ms', { max: 300 }, ref(small.open)),
      row(`${what}: open from the project (click to every tile in view at full detail)`, large.openComplete, 'ms', { max: 1000 }, ref(small.openComplete)),
      row(`${what}: pan 5 viewport widths at 100 %: longest task during and 1 s after (0: none over 50 ms)`, large.pan.longest, 'ms', { max: 50 }, ref(small.pan.longest)),
      row(`${what}: pan: frames with part of the view blank`, large.pan.blankFrames, 'frames', { max: 0 }, ref(small.pan.blankFrames)),
      row(`${what}: pan: release to every tile in view at full detail`, large.pan.complete, 'ms', { max: 500 }, ref(small.pan.complete)),
      row(`${what}: wheel zoom from 100 % to the whole image and back: longest task during and 1 s after (0: none over 50 ms)`, large.zoom.longest, 'ms', { max: 50 }, ref(small.zoom.longest)),
      row(`${what}: zoom: frames with part of the view blank`, large.zoom.blankFrames, 'frames', { max: 0 }, ref(small.zoom.blankFrames)),
      row(`${what}: zoom: last notch to every tile in view at full detail`, large.zoom.complete, 'ms', { max: 500 }, ref(small.zoom.complete)),
      row(`${what}: export _objects.png with one object (rasterized and written in bands), click to download`, exported, 'ms', { max: 60_000 }),
      row(`${what}: JS heap after opening, panning and zooming (before: ${Math.round(heapBefore / 2 ** 20)} MB)`, heap / 2 ** 20, 'MB', { max: 200 }),
    ];
  });
}
