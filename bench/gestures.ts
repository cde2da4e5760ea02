// The gestures of the interaction benchmarks, each checked for its effect, on a generated image
// of wobbly-circle objects on a grid (so the model's positions are known to the sampler).
import type { Page } from '@playwright/test';
import { encodePng } from '../src/core/formats/png';
import { record, setLayout, sharpAfter, viewOf, type Layout, type Recording } from './interaction';

export interface Scene extends Layout {
  size: number;
  vertices: number;
}

/** A size x size 8-bit noise image as PNG bytes. */
export function noiseImage(size: number): Uint8Array {
  const data = new Uint8Array(size * size);
  for (let i = 0; i < data.length; i++) data[i] = 20 + ((i * 2654435761) >>> 27);
  return encodePng({ width: size, height: size, channels: 1, bitDepth: 8, data });
}

/** Radius of object (row, col) at `angle`: a wobbly circle filling most of its cell. */
const radius = (scene: Scene, row: number, col: number, angle: number) => scene.cell * (0.36 + 0.05 * Math.sin(3 * angle + row + col));

/** Object i's ring (flat x, y), centred in grid cell (i % grid, i / grid). */
export function ringOf(scene: Scene, i: number): number[] {
  const row = Math.floor(i / scene.grid), col = i % scene.grid;
  const ring: number[] = [];
  for (let v = 0; v < scene.vertices; v++) {
    const angle = (v / scene.vertices) * 2 * Math.PI;
    const r = radius(scene, row, col, angle);
    ring.push((col + 0.5) * scene.cell + r * Math.cos(angle), (row + 0.5) * scene.cell + r * Math.sin(angle));
  }
  return ring;
}

/** Replaces the objects of the image `name` in the app's database with the scene's, as the app stores them. */
export async function storeObjects(page: Page, scene: Scene, name: string): Promise<void> {
  const count = scene.grid * scene.grid;
  for (let from = 0; from < count; from += 10_000) {
    const rings = Array.from({ length: Math.min(10_000, count - from) }, (_, k) => ringOf(scene, from + k));
    await page.evaluate(async ({ rings, from, count, name }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('nuclei-annotator');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction(['objects', 'images'], 'readwrite');
      const images = tx.objectStore('images');
      const image = await new Promise<{ id: string }>((resolve) => (images.getAll().onsuccess = (event) => resolve((event.target as IDBRequest).result.find((image: { name: string }) => image.name === name))));
      if (from === 0) tx.objectStore('objects').delete(IDBKeyRange.bound([image.id], [image.id, []]));
      rings.forEach((ring, k) => {
        const now = Date.now();
        tx.objectStore('objects').put({ imageId: image.id, id: `bench${from + k}`, rings: [ring], z: from + k + 1, label: 'nucleus', createdAt: now, updatedAt: now, author: 'bench', version: 1 });
      });
      images.put({ ...image, objectCount: count });
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    }, { rings, from, count, name });
  }
}

/** The stored rings of every object of the first image, by id. */
export async function storedRings(page: Page): Promise<Map<string, number[]>> {
  const entries = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => (indexedDB.open('nuclei-annotator').onsuccess = (event) => resolve((event.target as IDBOpenDBRequest).result)));
    const all = await new Promise<Array<{ id: string; rings: number[][] }>>((resolve) => (db.transaction('objects').objectStore('objects').getAll().onsuccess = (event) => resolve((event.target as IDBRequest).result)));
    db.close();
    return all.map((object) => [object.id, object.rings[0]] as [string, number[]]);
  });
  return new Map(entries);
}

export interface Outcome {
  recording: Recording;
  /** null when the gesture did what it should; else what went wrong. */
  failure: string | null;
  /** Zoom only: from the last wheel event of each direction to the first sharp, complete frame (ms). */
  sharpMs?: number;
}

export interface Viewer {
  page: Page;
  box: { x: number; y: number; width: number; height: number };
  /** The objects, or null for the reference (same gestures, no objects). */
  scene: Scene | null;
  sampling: boolean;
  /** Grid objects moved by earlier gestures: no longer where the sampler would look for them. */
  moved: Set<number>;
}

const near = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance;

async function saved(page: Page): Promise<void> {
  await page.getByTestId('save-state').filter({ hasText: 'All changes saved' }).waitFor();
}

/** Screen position of image point (x, y). */
async function toScreen(v: Viewer, x: number, y: number): Promise<{ x: number; y: number }> {
  const view = await viewOf(v.page);
  return { x: v.box.x + view.x + x * view.zoom, y: v.box.y + view.y + y * view.zoom };
}

/** The grid object nearest the middle of the image, shifted by (dc, dr) cells. */
function middleObject(scene: Scene | null, dc = 0, dr = 0): number {
  const grid = scene?.grid ?? 100;
  return (Math.floor(grid / 2) + dr) * grid + Math.floor(grid / 2) + dc;
}

function centreOf(scene: Scene | null, i: number): { x: number; y: number } {
  const grid = scene?.grid ?? 100, cell = scene?.cell ?? 22.08;
  return { x: ((i % grid) + 0.5) * cell, y: (Math.floor(i / grid) + 0.5) * cell };
}

async function startFresh(v: Viewer, key: '0' | '1'): Promise<void> {
  await v.page.keyboard.press('Escape');
  await v.page.keyboard.press('Escape');
  await v.page.keyboard.press(key);
  await setLayout(v.page, v.scene, [...v.moved]);
}

/** Middle-button pan at about 3.8x: 3 viewport widths left, one height up, 3 widths right. */
export async function pan(v: Viewer): Promise<Outcome> {
  const { page, box } = v;
  await startFresh(v, '1');
  const middle = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(middle.x, middle.y);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -100);
  await page.waitForTimeout(300);
  const before = await viewOf(page);
  const legs = [[-3 * box.width, 0], [0, -box.height], [3 * box.width, 0]];
  const mouse = { ...middle };
  const recording = await record(page, v.sampling, async () => {
    await page.mouse.down({ button: 'middle' });
    for (const [dx, dy] of legs) {
      const from = { ...mouse }, steps = Math.round(Math.hypot(dx, dy) / 25);
      for (let k = 1; k <= steps; k++) {
        (mouse.x = Math.round(from.x + (dx * k) / steps)), (mouse.y = Math.round(from.y + (dy * k) / steps));
        await page.mouse.move(mouse.x, mouse.y);
      }
    }
    await page.mouse.up({ button: 'middle' });
  });
  const after = await viewOf(page);
  const moved = { x: after.x - before.x, y: after.y - before.y };
  const ok = near(moved.x, mouse.x - middle.x, 0.01) && near(moved.y, mouse.y - middle.y, 0.01) && after.zoom === before.zoom;
  return { recording, failure: ok ? null : `view moved by ${moved.x}, ${moved.y}, the mouse by ${mouse.x - middle.x}, ${mouse.y - middle.y}` };
}

/** Wheel zoom from fit: 13 notches in (x 18.2), a second's rest, 13 notches out. */
export async function zoom(v: Viewer): Promise<Outcome> {
  const { page, box } = v;
  await startFresh(v, '0');
  const at = { x: Math.round(box.x + box.width * 0.42), y: Math.round(box.y + box.height * 0.46) }; // whole pixels, as the events carry them
  await page.mouse.move(at.x, at.y);
  await page.waitForTimeout(300);
  const start = await viewOf(page);
  const pointUnder = (view: { zoom: number; x: number; y: number }) => ({ x: (at.x - box.x - view.x) / view.zoom, y: (at.y - box.y - view.y) / view.zoom });
  let zoomedIn = start;
  const recording = await record(page, v.sampling, async () => {
    for (let i = 0; i < 13; i++) await page.mouse.wheel(0, -100);
    await page.waitForTimeout(1000);
    zoomedIn = await viewOf(page);
    for (let i = 0; i < 13; i++) await page.mouse.wheel(0, 100);
  });
  const end = await viewOf(page);
  const p0 = pointUnder(start), p1 = pointUnder(zoomedIn), p2 = pointUnder(end);
  const factor = zoomedIn.zoom / start.zoom;
  const failures = [
    !near(factor, 1.25 ** 13, 1e-6 * factor) && `zoomed in by ${factor}, not 1.25^13`,
    !near(end.zoom, start.zoom, 1e-9) && `zoomed back to ${end.zoom}, not ${start.zoom}`,
    (Math.hypot(p1.x - p0.x, p1.y - p0.y) * zoomedIn.zoom > 0.5 || Math.hypot(p2.x - p0.x, p2.y - p0.y) * end.zoom > 0.5) && `the point under the cursor moved: ${[p0, p1, p2].map((p) => `${p.x.toFixed(2)},${p.y.toFixed(2)}`).join(' -> ')}`,
  ].filter(Boolean);
  // From the last notch in, and the last notch out, to the first sharp and complete frame.
  const sharpMs = v.sampling ? Math.max(...[12, 25].map((last) => sharpAfter(recording, 'wheel', (wheels) => wheels[last]?.at ?? Infinity))) : undefined;
  if (v.sampling && recording.latencies.filter((input) => input.type === 'wheel').length !== 26) failures.push('not 26 wheel events');
  return { recording, failure: failures.length ? failures.join('; ') : null, sharpMs };
}

/** Clicks on 15 objects around the middle, at fit ('0') or 1:1 ('1'); each must become the selection. */
export async function select(v: Viewer, key: '0' | '1' = '0'): Promise<Outcome> {
  const { page } = v;
  await startFresh(v, key);
  const failures: string[] = [];
  const recording = await record(page, false, async () => {
    for (let k = 0; k < 15; k++) {
      const i = middleObject(v.scene, (k % 5) - 2, Math.floor(k / 5) - 1);
      const c = centreOf(v.scene, i);
      const at = await toScreen(v, c.x, c.y);
      await page.mouse.move(at.x, at.y);
      await page.mouse.down();
      await page.mouse.up();
      // The list shows the selection once React has rendered it: wait for the row, then read it.
      const expected = v.scene ? String(i + 1) : null;
      const rows = page.locator('[data-testid="object-row"][aria-selected="true"]');
      if (expected) await rows.filter({ has: page.locator('span').first().filter({ hasText: new RegExp(`^${expected}$`) }) }).first().waitFor({ timeout: 2000 }).catch(() => {});
      const selected = (await rows.count()) === 1 ? await rows.locator('span').first().textContent() : null;
      if (selected !== expected) failures.push(`click on object ${i + 1} selected ${selected ?? 'nothing'}`);
    }
  });
  return { recording, failure: failures.length ? failures.join('; ') : null };
}

/** Selects an object, zooms in on it and drags its vertex 0 to a point; the stored vertex must be there. */
export async function vertexDrag(v: Viewer, pass: number): Promise<Outcome> {
  const { page } = v;
  await startFresh(v, '0');
  const i = middleObject(v.scene, 3 * pass, 0);
  const centre = centreOf(v.scene, i);
  const onObject = await toScreen(v, centre.x, centre.y);
  await page.mouse.click(onObject.x, onObject.y);
  // Zoomed in 9.3x on it, so the object is some 80 px across and the drag keeps it a simple polygon.
  for (let k = 0; k < 10; k++) await page.mouse.wheel(0, -100);
  await page.waitForTimeout(300);
  const ring = v.scene ? ringOf(v.scene, i) : [centre.x + 8, centre.y];
  const grab = await toScreen(v, ring[0], ring[1]);
  const drop = { x: Math.round(grab.x + 24), y: Math.round(grab.y + 16) };
  v.moved.add(i);
  await setLayout(page, v.scene, [...v.moved]);
  const recording = await record(page, v.sampling, async () => {
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    for (let k = 1; k <= 60; k++) await page.mouse.move(grab.x + (drop.x - grab.x) * (k / 60) + 10 * Math.sin((k / 60) * Math.PI), grab.y + (drop.y - grab.y) * (k / 60));
    await page.mouse.up();
  });
  if (!v.scene) return { recording, failure: null };
  await saved(page);
  const stored = (await storedRings(page)).get(`bench${i}`)!;
  const view = await viewOf(page);
  const expected = { x: (drop.x - v.box.x - view.x) / view.zoom, y: (drop.y - v.box.y - view.y) / view.zoom };
  const others = stored.slice(2).every((value, k) => near(value, ring[k + 2], 1e-9));
  const ok = near(stored[0], expected.x, 1 / view.zoom) && near(stored[1], expected.y, 1 / view.zoom) && others;
  return { recording, failure: ok ? null : `vertex stored at ${stored[0]}, ${stored[1]}, dropped at ${expected.x}, ${expected.y}${others ? '' : '; other vertices moved'}` };
}

/** Right after vertexDrag: drags the same (selected) object by its middle; it must move by the drag over the zoom. */
export async function objectDrag(v: Viewer, pass: number): Promise<Outcome> {
  const { page } = v;
  const i = middleObject(v.scene, 3 * pass, 0);
  const centre = centreOf(v.scene, i);
  const from = await toScreen(v, centre.x, centre.y);
  const by = { x: 60, y: 45 };
  const before = v.scene && (await storedRings(page)).get(`bench${i}`)!;
  const recording = await record(page, v.sampling, async () => {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let k = 1; k <= 40; k++) await page.mouse.move(from.x + (by.x * k) / 40, from.y + (by.y * k) / 40);
    await page.mouse.up();
  });
  if (!v.scene || !before) return { recording, failure: null };
  await saved(page);
  const after = (await storedRings(page)).get(`bench${i}`)!;
  const { zoom } = await viewOf(page);
  const ok = after.every((value, k) => near(value - before[k], (k % 2 ? by.y : by.x) / zoom, 1e-6));
  return { recording, failure: ok ? null : `object moved by ${after[0] - before[0]}, ${after[1] - before[1]}, expected ${by.x / zoom}, ${by.y / zoom}` };
}

/** Draws a 40-vertex outline (N, 40 clicks on a circle, Enter) at fit; one new object of 40 vertices must be stored. */
export async function drawOutline(v: Viewer, pass: number): Promise<Outcome> {
  const { page, box } = v;
  await startFresh(v, '0');
  const before = await storedRings(page);
  const centre = { x: box.x + box.width * 0.2, y: box.y + box.height * (0.25 + 0.5 * pass) }; // clear of the objects the other gestures use
  await page.keyboard.press('n');
  const recording = await record(page, v.sampling, async () => {
    for (let k = 0; k < 40; k++) {
      const angle = (k / 40) * 2 * Math.PI;
      const at = { x: Math.round(centre.x + 90 * Math.cos(angle)), y: Math.round(centre.y + 90 * Math.sin(angle)) };
      await page.mouse.move(at.x - 4, at.y - 3);
      await page.mouse.move(at.x, at.y);
      await page.mouse.down();
      await page.mouse.up();
    }
    await page.keyboard.press('Enter');
  });
  await saved(page);
  const added = [...(await storedRings(page))].filter(([id]) => !before.has(id));
  const ok = added.length === 1 && added[0][1].length === 80;
  await page.keyboard.press('Escape');
  return { recording, failure: ok ? null : `${added.length} objects added, vertices ${added.map(([, ring]) => ring.length / 2).join(', ')}` };
}

/** A brush stroke of 60 moves at fit with nothing selected: one new object must be stored. */
export async function brushStroke(v: Viewer, pass: number): Promise<Outcome> {
  const { page, box } = v;
  await startFresh(v, '0');
  const before = await storedRings(page);
  await page.keyboard.press('b');
  const from = { x: box.x + box.width * 0.35, y: box.y + box.height * (0.3 + 0.3 * pass) };
  await page.mouse.move(from.x, from.y);
  const recording = await record(page, v.sampling, async () => {
    await page.mouse.down();
    for (let k = 1; k <= 60; k++) await page.mouse.move(from.x + k * 3, from.y + 25 * Math.sin(k / 8));
    await page.mouse.up();
  });
  await page.getByTestId('object-count').filter({ hasText: String(before.size + 1) }).waitFor({ timeout: 10_000 }).catch(() => {});
  await saved(page);
  const added = [...(await storedRings(page)).keys()].filter((id) => !before.has(id));
  await page.keyboard.press('Escape');
  return { recording, failure: added.length === 1 ? null : `${added.length} objects added by the stroke` };
}

/** Nudges the selected object with arrow keys 15 times: time from each change to its write committed (ms). */
export async function saveTimes(v: Viewer): Promise<number[]> {
  const { page } = v;
  await startFresh(v, '0');
  const nudged = middleObject(v.scene, -6, 0); // not one the drags use
  v.moved.add(nudged);
  const c = centreOf(v.scene, nudged);
  const at = await toScreen(v, c.x, c.y);
  await page.mouse.click(at.x, at.y);
  const times: number[] = [];
  for (let k = 0; k < 15; k++) {
    await page.evaluate(() => performance.clearMarks());
    await page.keyboard.press(k % 2 ? 'ArrowLeft' : 'ArrowRight');
    await saved(page);
    times.push(
      await page.evaluate(() => {
        const changed = performance.getEntriesByName('objects-changed').at(-1);
        const saved = performance.getEntriesByName('objects-saved').at(-1);
        return changed && saved ? saved.startTime - changed.startTime : NaN;
      }),
    );
  }
  return times;
}

/** In-page floor for saving: one bare IndexedDB transaction putting one object record (ms each). */
export async function barePutTimes(page: Page, ring: number[]): Promise<number[]> {
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
