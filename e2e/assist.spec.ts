import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOnnxRunner } from '../src/cli/onnxSession';
import { prepareImage } from '../src/core/intake';
import { detectObjects } from '../src/core/model/runtime';
import { pixelBoxOf, rasterizeLocal } from '../src/core/mask/rasterize';
import { placement, screenPoint, waitUntilSaved } from './annotation';
import { DATASET, dropFiles, imageRows, openEmptyProject, realFile, screenshot, waitForShownImage } from './helpers';
import { exportFile, rgbPixels } from './masks';

const TEST = join(DATASET, 'test');
const IMAGES = readdirSync(TEST).filter((name) => !name.endsWith('_objects.png'));

/** The model's objects on an image, computed in Node with the same weights and code: pixel sets as sorted index lists. */
async function modelObjects(name: string): Promise<number[][]> {
  const image = prepareImage(name, new Uint8Array(readFileSync(join(TEST, name)))).display;
  const { instances } = await detectObjects(await loadOnnxRunner(), image);
  const objects: number[][] = Array.from({ length: instances.count }, () => []);
  instances.labels.forEach((label, p) => label && objects[label - 1].push(p));
  return objects.map((pixels) => pixels.sort((a, b) => a - b));
}

/** The objects of an exported `_objects.png`, one pixel list per colour. */
function maskObjects(bytes: Buffer): number[][] {
  const { colors } = rgbPixels(bytes);
  const byColour = new Map<number, number[]>();
  colors.forEach((color, p) => color && (byColour.get(color) ?? byColour.set(color, []).get(color)!).push(p));
  return [...byColour.values()];
}

const sortedByFirst = (objects: number[][]) => [...objects].sort((a, b) => a[0] - b[0]);

test('Detect all, reject one proposal, one-click it back, accept the rest: the export is the model’s output; a reload keeps it all', async ({ page }) => {
  test.setTimeout(180_000);
  const name = IMAGES[0];
  const expected = await modelObjects(name);
  await openEmptyProject(page);
  await dropFiles(page, [realFile(join(TEST, name))]);
  await waitForShownImage(page, name);
  await page.keyboard.press('Shift+D');
  const count = page.getByTestId('proposal-count');
  await expect(count).toHaveText(String(expected.length), { timeout: 60_000 });
  await expect(page.getByTestId('object-count')).toHaveText('0'); // proposals are not objects
  await screenshot(page, 'proposals');

  // Review one: P selects the first in review order and zooms onto it; X rejects it.
  await page.keyboard.press('p');
  await expect(page.getByTestId('proposal-row').and(page.locator('.selected'))).toHaveCount(1);
  const before = await storedProposals(page);
  await page.keyboard.press('x');
  await expect(count).toHaveText(String(expected.length - 1));
  await page.keyboard.press('0');

  // One click (K) on the rejected object brings it back from the model's output.
  const after = new Set((await storedProposals(page)).map((proposal) => proposal.id));
  const rejected = before.filter((proposal) => !after.has(proposal.id));
  expect(rejected).toHaveLength(1);
  const target = insidePoint(rejected[0].rings);
  const p = await placement(page);
  await page.keyboard.press('k');
  const point = screenPoint(p, target.x, target.y);
  await page.mouse.click(point.sx, point.sy);
  await expect(page.getByTestId('object-count')).toHaveText('1');

  await page.keyboard.press('Shift+A');
  await expect(count).toHaveText('0');
  await expect(page.getByTestId('object-count')).toHaveText(String(expected.length));
  await waitUntilSaved(page);
  const exported = maskObjects((await exportFile(page, /_objects\.png/, 'Export this image')).bytes);
  expect(sortedByFirst(exported)).toEqual(sortedByFirst(expected));

  // A reload shows the accepted objects and no proposals left.
  await page.getByTestId('export-dialog').getByRole('button', { name: 'Close' }).click();
  await page.reload();
  await waitForShownImage(page, name);
  await expect(page.getByTestId('object-count')).toHaveText(String(expected.length));
  await expect(count).toHaveText('0');
});

/** The proposals stored for the project, as IndexedDB holds them. */
async function storedProposals(page: import('@playwright/test').Page): Promise<Array<{ id: string; rings: number[][] }>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => (indexedDB.open('nuclei-annotator').onsuccess = (event) => resolve((event.target as IDBOpenDBRequest).result)));
    const all = await new Promise<Array<{ id: string; rings: number[][] }>>((resolve) => (db.transaction('proposals').objectStore('proposals').getAll().onsuccess = (event) => resolve((event.target as IDBRequest).result)));
    db.close();
    return all;
  });
}

/** A pixel centre inside an outline (by the export's rule), away from its edge where possible. */
function insidePoint(rings: number[][]): { x: number; y: number } {
  const box = pixelBoxOf(rings);
  const labels = rasterizeLocal(rings, box);
  const inside: number[] = [];
  labels.forEach((label, p) => label && inside.push(p));
  const middle = inside[Math.floor(inside.length / 2)];
  return { x: box.x0 + (middle % box.width) + 0.5, y: box.y0 + Math.floor(middle / box.width) + 0.5 };
}

test('a batch detection cancelled half-way leaves every image either done or untouched; proposals survive a reload', async ({ page }) => {
  test.setTimeout(240_000);
  await openEmptyProject(page);
  await dropFiles(page, IMAGES.slice(0, 6).map((name) => realFile(join(TEST, name))));
  await expect(imageRows(page)).toHaveCount(6);
  await page.getByRole('button', { name: 'Detect on images' }).click();
  const bar = page.getByRole('status', { name: 'Progress' });
  await expect(bar).toContainText(/Detecting nuclei on .* \(2 of 6\)/, { timeout: 120_000 });
  await bar.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Detecting nuclei on: cancelled')).toBeVisible();
  const byImage = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => (indexedDB.open('nuclei-annotator').onsuccess = (event) => resolve((event.target as IDBOpenDBRequest).result)));
    const all = await new Promise<Array<{ imageId: string }>>((resolve) => (db.transaction('proposals').objectStore('proposals').getAll().onsuccess = (event) => resolve((event.target as IDBRequest).result)));
    db.close();
    const counts: Record<string, number> = {};
    for (const proposal of all) counts[proposal.imageId] = (counts[proposal.imageId] ?? 0) + 1;
    return counts;
  });
  const done = Object.keys(byImage).length;
  expect(done).toBeGreaterThanOrEqual(2);
  expect(done).toBeLessThan(6);
  // Every image that has proposals has all of the model's: as many as a fresh detection there gives.
  for (const [index, name] of IMAGES.slice(0, 6).entries()) {
    await imageRows(page).nth(index).click();
    await waitForShownImage(page, name);
    const shown = Number(await page.getByTestId('proposal-count').textContent());
    if (shown === 0) continue;
    expect(shown).toBe((await modelObjects(name)).length);
  }
  // The first image, done first, shows its proposals again after a reload.
  await page.reload();
  await imageRows(page).first().click();
  await waitForShownImage(page, IMAGES[0]);
  await expect(page.getByTestId('proposal-count')).toHaveText(String((await modelObjects(IMAGES[0])).length));
});
