import { expect, type Page } from '@playwright/test';

/** The viewer's placement of the image: screen = origin + image * zoom (CSS pixels). */
export interface Placement {
  zoom: number;
  originX: number;
  originY: number;
}

export async function placement(page: Page): Promise<Placement> {
  const viewer = page.getByTestId('viewer');
  const box = (await viewer.boundingBox())!;
  const [zoom, x, y] = (await viewer.getAttribute('data-view'))!.split(' ').map(Number);
  return { zoom, originX: box.x + x, originY: box.y + y };
}

/** Whole-pixel screen point nearest to an image point, and the image point it really hits. */
export function screenPoint(p: Placement, ix: number, iy: number): { sx: number; sy: number; x: number; y: number } {
  const sx = Math.round(p.originX + ix * p.zoom);
  const sy = Math.round(p.originY + iy * p.zoom);
  return { sx, sy, x: (sx - p.originX) / p.zoom, y: (sy - p.originY) / p.zoom };
}

export interface StoredObject {
  id: string;
  rings: number[][];
  z: number;
  note?: string;
  hidden?: boolean;
  locked?: boolean;
}

/** The objects stored in IndexedDB for the open image's project, bottom to top. */
export async function storedObjects(page: Page): Promise<StoredObject[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('nuclei-annotator');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = await new Promise<StoredObject[]>((resolve, reject) => {
      const request = db.transaction('objects').objectStore('objects').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return all.sort((a, b) => a.z - b.z);
  });
}

/**
 * Waits until every change has reached storage. Two animation frames first, so the status bar
 * shows the state after the last input (React renders it asynchronously) before it is read.
 */
export async function waitUntilSaved(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
}

/** Asserts that a stored ring equals the expected vertex list (float tolerance 1e-6 px). */
export function expectRing(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 6));
}

/** Clicks image points (snapped to whole screen pixels); returns the image points really clicked, as a flat ring. */
export async function clickImagePoints(page: Page, p: Placement, points: number[][]): Promise<number[]> {
  const ring: number[] = [];
  for (const [ix, iy] of points) {
    const { sx, sy, x, y } = screenPoint(p, ix, iy);
    await page.mouse.click(sx, sy);
    ring.push(x, y);
  }
  return ring;
}

/** In drawing mode: clicks the vertices and closes the polygon with Enter. */
export async function drawPolygon(page: Page, p: Placement, points: number[][]): Promise<number[]> {
  const ring = await clickImagePoints(page, p, points);
  await page.keyboard.press('Enter');
  return ring;
}
