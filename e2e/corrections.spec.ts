import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { drawPolygon, placement, screenPoint, storedObjects, waitUntilSaved, type Placement, type StoredObject } from './annotation';
import { DATASET, dropFiles, openEmptyProject, realFile, screenshot, waitForShownImage } from './helpers';
import { exportFile, rgbPixels } from './masks';

const IMAGE = 'MFGTMPcx7_170702000001_B23f07d0.png';

/** Presses at one image point, moves through the others, releases: a stroke of the brush. */
async function stroke(page: Page, p: Placement, points: number[][], modifiers: Array<'Shift'> = []) {
  for (const key of modifiers) await page.keyboard.down(key);
  const [first, ...rest] = points.map(([x, y]) => screenPoint(p, x, y));
  await page.mouse.move(first.sx, first.sy);
  await page.mouse.down();
  for (const point of rest) await page.mouse.move(point.sx, point.sy, { steps: 6 });
  await page.mouse.up();
  for (const key of modifiers) await page.keyboard.up(key);
}

async function click(page: Page, p: Placement, x: number, y: number, modifiers: Array<'Shift'> = []) {
  const point = screenPoint(p, x, y);
  for (const key of modifiers) await page.keyboard.down(key);
  await page.mouse.click(point.sx, point.sy);
  for (const key of modifiers) await page.keyboard.up(key);
}

/** The stored objects once saved, as comparable data (id, z and every vertex). */
async function stored(page: Page): Promise<Array<Pick<StoredObject, 'id' | 'z' | 'rings'>>> {
  await waitUntilSaved(page);
  return (await storedObjects(page)).map(({ id, z, rings }) => ({ id, z, rings })).sort((a, b) => a.id.localeCompare(b.id));
}

/** Brute force, independent of the app: pixels whose centre is inside an object's rings (even-odd over all rings). */
function pixelsOf(rings: number[][], width: number): Set<number> {
  const all = rings.flat(), xs = all.filter((_, i) => i % 2 === 0), ys = all.filter((_, i) => i % 2 === 1);
  const inside = new Set<number>();
  for (let y = Math.max(0, Math.floor(Math.min(...ys))); y <= Math.ceil(Math.max(...ys)); y++) {
    for (let x = Math.max(0, Math.floor(Math.min(...xs))); x <= Math.ceil(Math.max(...xs)); x++) {
      let odd = false;
      for (const ring of rings) {
        const n = ring.length / 2;
        for (let i = 0, j = n - 1; i < n; j = i++) {
          const [xi, yi, xj, yj] = [ring[2 * i], ring[2 * i + 1], ring[2 * j], ring[2 * j + 1]];
          if (yi > y + 0.5 !== yj > y + 0.5 && x + 0.5 < ((xj - xi) * (y + 0.5 - yi)) / (yj - yi) + xi) odd = !odd;
        }
      }
      if (odd) inside.add(y * width + x);
    }
  }
  return inside;
}

test('brush, erase, merge, cut, grow and shrink; undo all step by step and redo; a reload keeps every vertex; the export is exact', async ({ page }) => {
  test.setTimeout(150_000);
  await openEmptyProject(page);
  await dropFiles(page, [realFile(join(DATASET, 'dev', IMAGE))]);
  await waitForShownImage(page, IMAGE);
  const p = await placement(page);
  const states = [await stored(page)];
  const step = async () => states.push(await stored(page));

  // 1. A nucleus brushed from nothing.
  await page.keyboard.press('b');
  await stroke(page, p, [[200, 200], [240, 205], [260, 230]]);
  await expect(page.getByTestId('object-count')).toHaveText('1');
  await step();
  // 2, 3. Two outlines drawn, then 4. half of the second erased.
  await page.keyboard.press('n');
  await drawPolygon(page, p, [[400, 400], [480, 400], [480, 460], [400, 460]]);
  await step();
  await drawPolygon(page, p, [[470, 420], [560, 420], [560, 480], [470, 480]]);
  await step();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await click(page, p, 540, 450);
  await page.keyboard.press('e');
  await stroke(page, p, [[505, 470], [530, 470], [560, 470], [560, 440]]); // the lower right of it, leaving one piece
  await step();
  await screenshot(page, 'corrections-erased');
  // 5. The two overlapping outlines merged.
  await page.keyboard.press('Escape');
  await click(page, p, 420, 420);
  await click(page, p, 520, 430, ['Shift']);
  await page.keyboard.press('m');
  await expect(page.getByTestId('object-count')).toHaveText('2');
  await step();
  // 6. The merged object cut in two along a line.
  await page.keyboard.press('s');
  await click(page, p, 450, 380);
  await click(page, p, 452, 500);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('object-count')).toHaveText('3');
  await step();
  // 7, 8. One piece grown, then shrunk.
  await page.keyboard.press('Escape');
  await click(page, p, 420, 430);
  await page.keyboard.press('g');
  await step();
  await page.keyboard.press('Shift+G');
  await step();
  await screenshot(page, 'corrections-done');

  // Undo back to the empty image, one step each, then redo to the end.
  for (let i = states.length - 2; i >= 0; i--) {
    await page.keyboard.press('Control+z');
    expect(await stored(page), `after undoing back to state ${i}`).toEqual(states[i]);
  }
  for (let i = 1; i < states.length; i++) {
    await page.keyboard.press('Control+Shift+z');
    expect(await stored(page), `after redoing state ${i}`).toEqual(states[i]);
  }
  await page.reload();
  await waitForShownImage(page, IMAGE);
  expect(await stored(page)).toEqual(states.at(-1));

  // The export, pixel by pixel, against a brute-force rasterizer of the stored outlines.
  const { colors, width } = rgbPixels((await exportFile(page, /_objects\.png/, 'Export this image')).bytes);
  const final = (await storedObjects(page)).sort((a, b) => a.z - b.z);
  const expected = new Map<number, number>();
  final.forEach((object, i) => pixelsOf(object.rings, width).forEach((pixel) => expected.set(pixel, i + 1)));
  // Mismatches are gathered and asserted once (an expect per pixel would take minutes).
  const byColour = new Map<number, number>();
  const wrong: number[] = [];
  colors.forEach((color, pixel) => {
    const owner = expected.get(pixel) ?? 0;
    if (!byColour.has(color)) byColour.set(color, owner);
    if ((color === 0) !== (owner === 0) || byColour.get(color) !== owner) wrong.push(pixel);
  });
  expect(wrong.slice(0, 10), `${wrong.length} pixels differ`).toEqual([]);
  byColour.delete(0);
  expect(byColour.size).toBe(final.length);
  expect(colors.filter((color) => color !== 0).length).toBe(expected.size);
});
