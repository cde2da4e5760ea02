// Interaction speed with 10,000 polygons of 40 vertices on a 2208 x 2208 image, in headless
// Chromium: frame times while panning, zooming and dragging a vertex, the delay from a click to
// the selection drawn, and the time to save a change to one object. Reference, same run: the
// same gestures on the same image with no objects.
import type { Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePng } from '../src/core/formats/png';
import { withApp } from './browser';
import { median, round, type Measurement } from './stats';

const SIZE = 2208;
const GRID = 100; // 100 x 100 = 10,000 objects
const VERTICES = 40;
const NAME = 'dense_2208.png';

function noiseImage(): Uint8Array {
  const data = new Uint8Array(SIZE * SIZE);
  for (let i = 0; i < data.length; i++) data[i] = 20 + ((i * 2654435761) >>> 27);
  return encodePng({ width: SIZE, height: SIZE, channels: 1, bitDepth: 8, data });
}

/** Wobbly circles on a grid, one per cell, as flat rings. */
function polygons(): number[][] {
  const cell = SIZE / GRID;
  const rings: number[][] = [];
  for (let row = 0; row < GRID; row++) {
    for (let col = 0; col < GRID; col++) {
      const ring: number[] = [];
      for (let v = 0; v < VERTICES; v++) {
        const angle = (v / VERTICES) * 2 * Math.PI;
        const radius = cell * (0.36 + 0.05 * Math.sin(3 * angle + row + col));
        ring.push((col + 0.5) * cell + radius * Math.cos(angle), (row + 0.5) * cell + radius * Math.sin(angle));
      }
      rings.push(ring);
    }
  }
  return rings;
}

/** Writes the objects into the app's database for the image, as the app itself would store them. */
async function storeObjects(page: Page, rings: number[][]): Promise<void> {
  await page.evaluate(async (allRings) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('nuclei-annotator');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(['objects', 'images'], 'readwrite');
    const images = tx.objectStore('images');
    const image = await new Promise<{ id: string }>((resolve) => (images.getAll().onsuccess = (event) => resolve((event.target as IDBRequest).result[0])));
    allRings.forEach((ring, i) => {
      const now = Date.now();
      tx.objectStore('objects').put({ imageId: image.id, id: `bench${i}`, rings: [ring], z: i + 1, label: 'nucleus', createdAt: now, updatedAt: now, author: 'bench' });
    });
    images.put({ ...image, objectCount: allRings.length });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, rings);
}

/** Screen position of vertex 0 of the generated polygon under the screen point `at`. */
async function vertexOnScreen(page: Page, at: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const [zoom, viewX, viewY] = (await page.getByTestId('viewer').getAttribute('data-view'))!.split(' ').map(Number);
  const box = (await page.getByTestId('viewer').boundingBox())!;
  const cell = SIZE / GRID;
  const col = Math.floor((at.x - box.x - viewX) / zoom / cell);
  const row = Math.floor((at.y - box.y - viewY) / zoom / cell);
  const radius = cell * (0.36 + 0.05 * Math.sin(row + col));
  return { x: box.x + viewX + ((col + 0.5) * cell + radius) * zoom, y: box.y + viewY + (row + 0.5) * cell * zoom };
}

/** In-page floor for saving: one bare IndexedDB transaction putting one object record. */
async function barePutTimes(page: Page, ring: number[]): Promise<number[]> {
  return page.evaluate(async (vertices) => {
    const db = await new Promise<IDBDatabase>((resolve) => (indexedDB.open('nuclei-annotator').onsuccess = (event) => resolve((event.target as IDBOpenDBRequest).result)));
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const start = performance.now();
      const tx = db.transaction('objects', 'readwrite');
      tx.objectStore('objects').put({ imageId: 'bench-floor', id: `floor${i}`, rings: [vertices], z: i, label: 'nucleus', createdAt: 0, updatedAt: 0, author: 'bench' });
      await new Promise((resolve) => (tx.oncomplete = resolve));
      times.push(performance.now() - start);
    }
    const cleanup = db.transaction('objects', 'readwrite');
    cleanup.objectStore('objects').delete(IDBKeyRange.bound(['bench-floor'], ['bench-floor', []]));
    await new Promise((resolve) => (cleanup.oncomplete = resolve));
    db.close();
    return times;
  }, ring);
}

/**
 * Runs `gesture` while recording the intervals between animation frames (ms) that had input
 * (mouse moves or wheel) since the frame before: idle frames would dilute the figure.
 */
async function frameTimes(page: Page, gesture: () => Promise<void>): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { frames: number[]; recording: boolean; sawInput: boolean };
    w.frames = [];
    w.recording = true;
    w.sawInput = false;
    const mark = () => (w.sawInput = true);
    window.addEventListener('mousemove', mark, true);
    window.addEventListener('wheel', mark, true);
    let last = performance.now();
    const tick = (now: number) => {
      if (w.sawInput) w.frames.push(now - last);
      w.sawInput = false;
      last = now;
      if (w.recording) requestAnimationFrame(tick);
      else {
        window.removeEventListener('mousemove', mark, true);
        window.removeEventListener('wheel', mark, true);
      }
    };
    requestAnimationFrame(tick);
  });
  await gesture();
  return page.evaluate(() => {
    const w = window as unknown as { frames: number[]; recording: boolean };
    w.recording = false;
    return w.frames.slice(1);
  });
}

interface Figures {
  pan: number[];
  zoom: number[];
  vertexDrag: number[];
  select: number[];
  save: number[];
}

async function measure(page: Page, centre: { x: number; y: number }): Promise<Figures> {
  const pan = await frameTimes(page, async () => {
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.down({ button: 'middle' });
    for (let i = 0; i < 80; i++) await page.mouse.move(centre.x + 150 * Math.sin(i / 8), centre.y + 100 * Math.cos(i / 8));
    await page.mouse.up({ button: 'middle' });
  });
  const zoom = await frameTimes(page, async () => {
    for (let i = 0; i < 40; i++) await page.mouse.wheel(0, i < 20 ? -60 : 60);
  });
  await page.keyboard.press('0');
  // Select the object under the centre (time from the press to the next painted frame).
  const select: number[] = [];
  for (let i = 0; i < 15; i++) {
    const x = centre.x + (i % 5) * 22 - 44;
    const y = centre.y + Math.floor(i / 5) * 22 - 22;
    await page.mouse.move(x, y);
    const start = await page.evaluate(() => performance.now());
    await page.mouse.down();
    await page.mouse.up();
    select.push(await page.evaluate((t0) => new Promise<number>((resolve) => requestAnimationFrame(() => requestAnimationFrame((now) => resolve(now - t0)))), start));
  }
  // Drag a vertex of the object under the centre: select it, zoom in on it, grab vertex 0.
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.down();
  await page.mouse.up();
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -100);
  const grab = await vertexOnScreen(page, centre);
  const vertexDrag = await frameTimes(page, async () => {
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    for (let i = 1; i <= 60; i++) await page.mouse.move(grab.x + 40 * Math.sin(i / 6), grab.y + 30 * (1 - Math.cos(i / 6)));
    await page.mouse.up();
  });
  // Save time: nudge the selected object with an arrow key, from the change to the write done.
  const save: number[] = [];
  for (let i = 0; i < 15; i++) {
    await page.evaluate(() => performance.clearMarks());
    await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight');
    await page.getByTestId('save-state').filter({ hasText: 'All changes saved' }).waitFor();
    save.push(
      await page.evaluate(() => {
        const changed = performance.getEntriesByName('objects-changed').at(-1);
        const saved = performance.getEntriesByName('objects-saved').at(-1);
        return changed && saved ? saved.startTime - changed.startTime : NaN;
      }),
    );
  }
  return { pan, zoom, vertexDrag, select, save };
}

export async function benchAnnotate(): Promise<Measurement[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nuclei-bench-'));
  const imagePath = join(dir, NAME);
  writeFileSync(imagePath, noiseImage());
  return withApp(async (page) => {
    await page.locator('header [data-testid="file-input"]').setInputFiles(imagePath);
    await page.locator(`[data-testid="viewer"][data-shown-image="${NAME}"]`).waitFor();
    const box = (await page.getByTestId('viewer').boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const empty = await measure(page, centre);
    await storeObjects(page, polygons());
    await page.reload();
    await page.getByTestId('object-count').filter({ hasText: String(GRID * GRID) }).waitFor({ timeout: 60_000 });
    await page.locator(`[data-testid="viewer"][data-shown-image="${NAME}"]`).waitFor();
    const dense = await measure(page, centre);
    const floor = await barePutTimes(page, polygons()[0]);
    const row = (name: string, runs: number[], reference: number[], target: number, referenceName = 'same gesture, same image, no objects'): Measurement => {
      const value = round(median(runs));
      return {
        name,
        unit: 'ms',
        median: value,
        runs: runs.map(round),
        reference: { name: referenceName, median: round(median(reference)), runs: reference.map(round) },
        target: `< ${target} ms`,
        meetsTarget: value < target,
      };
    };
    return [
      row('pan frame time, 10,000 polygons x 40 vertices on 2208x2208', dense.pan, empty.pan, 20),
      row('wheel zoom frame time, 10,000 polygons', dense.zoom, empty.zoom, 20),
      row('vertex drag frame time, 10,000 polygons', dense.vertexDrag, empty.vertexDrag, 20),
      row('click to selection drawn, 10,000 polygons', dense.select, empty.select, 50),
      row('save of a change to one object (change to written), 10,000 polygons', dense.save.filter(Number.isFinite), floor, 100, 'one bare IndexedDB put of one object in the same page'),
    ];
  });
}
