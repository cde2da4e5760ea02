import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { clickImagePoints, drawPolygon, expectRing, placement, screenPoint, storedObjects, waitUntilSaved, type Placement } from './annotation';
import { DATASET, dropFiles, openEmptyProject, realFile, screenshot, waitForShownImage } from './helpers';

const IMAGE = 'MFGTMPcx7_170702000001_B14f07d0.png';

async function drag(page: Page, p: Placement, from: number[], to: number[], modifiers: { alt?: boolean } = {}) {
  const a = screenPoint(p, from[0], from[1]);
  const b = screenPoint(p, to[0], to[1]);
  await page.mouse.move(a.sx, a.sy);
  if (modifiers.alt) await page.keyboard.down('Alt');
  await page.mouse.down();
  await page.mouse.move(b.sx, b.sy, { steps: 6 });
  await page.mouse.up();
  if (modifiers.alt) await page.keyboard.up('Alt');
  return { from: a, to: b };
}

const objectCount = (page: Page) => page.getByTestId('object-count');

test('draw, edit, redraw, delete, paste, undo and redo; every vertex survives a reload exactly', async ({ page }) => {
  await openEmptyProject(page);
  await dropFiles(page, [realFile(join(DATASET, 'train', IMAGE))]);
  await waitForShownImage(page, IMAGE);
  const p = await placement(page);

  // Five polygons: Enter, a click on the first vertex, Shift-freehand, a double click, and one
  // that crosses the image's left edge (clipped to it).
  await page.keyboard.press('n');
  const a = await drawPolygon(page, p, [[100, 100], [220, 100], [220, 200], [100, 200]]);
  const b = await clickImagePoints(page, p, [[300, 100], [360, 90], [420, 100], [440, 220], [300, 220]]);
  await clickImagePoints(page, p, [[300, 100]]);
  await expect(objectCount(page)).toHaveText('2');

  const start = screenPoint(p, 560, 150);
  await page.mouse.move(start.sx, start.sy);
  await page.mouse.down();
  await page.keyboard.down('Shift');
  const c = [start.x, start.y];
  for (let i = 1; i <= 24; i++) {
    const angle = (i / 24) * 1.8 * Math.PI;
    const q = screenPoint(p, 500 + 60 * Math.cos(angle), 150 + 60 * Math.sin(angle));
    await page.mouse.move(q.sx, q.sy);
    c.push(q.x, q.y);
  }
  await page.keyboard.up('Shift');
  await page.mouse.up();
  await page.keyboard.press('Enter');

  const d = await clickImagePoints(page, p, [[100, 400], [200, 380], [230, 480]]);
  const last = screenPoint(p, 120, 500);
  await page.mouse.dblclick(last.sx, last.sy);
  d.push(last.x, last.y);

  const e = await drawPolygon(page, p, [[-12, 600], [80, 600], [80, 700], [-12, 700]]);
  await expect(objectCount(page)).toHaveText('5');
  expect(e[0]).toBeLessThan(0); // really clicked outside the image
  const eClipped = [0, e[1], e[2], e[3], e[4], e[5], 0, e[7]];
  await screenshot(page, 'annotate-drawn');

  // Esc in the middle of an outline adds nothing; a second Esc leaves drawing mode.
  await clickImagePoints(page, p, [[700, 700], [760, 700]]);
  await page.keyboard.press('Escape');
  await expect(objectCount(page)).toHaveText('5');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Select' })).toHaveAttribute('aria-pressed', 'true');

  // Edit A: move a vertex, insert one at an edge midpoint, delete one with Alt + click.
  await clickImagePoints(page, p, [[160, 150]]);
  const moved = await drag(page, p, [a[2], a[3]], [250, 80]);
  const midpoint = [(a[4] + a[6]) / 2, (a[5] + a[7]) / 2];
  const inserted = await drag(page, p, midpoint, [160, 240]);
  await page.keyboard.down('Alt');
  await clickImagePoints(page, p, [[a[0], a[1]]]);
  await page.keyboard.up('Alt');
  const aEdited = [moved.to.x, moved.to.y, a[4], a[5], inserted.to.x, inserted.to.y, a[6], a[7]];
  await screenshot(page, 'annotate-edited');

  // Redraw part of B: Shift + click vertex 0, two new points, click vertex 2.
  await clickImagePoints(page, p, [[370, 160]]);
  await page.keyboard.down('Shift');
  await clickImagePoints(page, p, [[b[0], b[1]]]);
  await page.keyboard.up('Shift');
  const path = await clickImagePoints(page, p, [[330, 60], [380, 50]]);
  await clickImagePoints(page, p, [[b[4], b[5]]]);
  const bRedrawn = [b[0], b[1], ...path, ...b.slice(4)];

  // Move E by dragging it.
  const shift = await drag(page, p, [40, 650], [140, 660]);
  const [dx, dy] = [shift.to.x - shift.from.x, shift.to.y - shift.from.y];
  const eMoved = eClipped.map((value, i) => value + (i % 2 ? dy : dx));

  // Delete D; copy C and paste it under the mouse.
  await clickImagePoints(page, p, [[170, 440]]);
  await page.keyboard.press('Delete');
  await expect(objectCount(page)).toHaveText('4');
  await clickImagePoints(page, p, [[500, 150]]);
  await page.keyboard.press('Control+c');
  const target = screenPoint(p, 800, 800);
  await page.mouse.move(target.sx, target.sy);
  await page.keyboard.press('Control+v');
  await expect(objectCount(page)).toHaveText('5');
  const xs = c.filter((_, i) => i % 2 === 0);
  const ys = c.filter((_, i) => i % 2 === 1);
  const [cx, cy] = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
  const pasted = c.map((value, i) => value + (i % 2 ? target.y - cy : target.x - cx));

  // Undo the paste and the delete, then redo both.
  await page.keyboard.press('Control+z');
  await expect(objectCount(page)).toHaveText('4');
  await page.keyboard.press('Control+z');
  await expect(objectCount(page)).toHaveText('5');
  await page.keyboard.press('Control+Shift+z');
  await expect(objectCount(page)).toHaveText('4');
  await page.keyboard.press('Control+y');
  await expect(objectCount(page)).toHaveText('5');
  await screenshot(page, 'annotate-final');

  await waitUntilSaved(page);
  const before = await storedObjects(page);
  await page.reload();
  await waitForShownImage(page, IMAGE);
  await expect(objectCount(page)).toHaveText('5');
  await expect(page.getByTestId('image-object-count')).toHaveText('5 objects');
  const after = await storedObjects(page);
  expect(after.map((object) => object.id)).toEqual(before.map((object) => object.id));
  expect(after.map((object) => object.rings.length)).toEqual([1, 1, 1, 1, 1]);
  const expected = [aEdited, bRedrawn, c, eMoved, pasted];
  after.forEach((object, i) => expectRing(object.rings[0], expected[i]));
});
