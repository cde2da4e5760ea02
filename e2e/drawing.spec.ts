import { expect, test, type Locator, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importMask } from '../src/core/mask/importMask';
import { rasterizeShapes } from '../src/core/mask/rasterize';
import { clickImagePoints, drawPolygon, placement, storedObjects, waitUntilSaved } from './annotation';
import { DATASET, dropFiles, openEmptyProject, realFile, screenshot, waitForShownImage } from './helpers';

const TEST = join(DATASET, 'test');

/**
 * The viewer shows this view ("zoom x y"), up to float rounding: a recalled view is rebuilt
 * from the zoom and the image point at the viewer's middle.
 */
async function expectView(viewer: Locator, view: string): Promise<void> {
  const expected = view.split(' ').map(Number);
  await expect.poll(async () => (await viewer.getAttribute('data-view'))!.split(' ').map(Number).every((value, i) => Math.abs(value - expected[i]) < 1e-6)).toBe(true);
}

/** The smallest object of 10 to 20 pixels of a test image, as the ground truth traces it. */
function micronucleus(): { image: string; rings: number[][]; pixels: Set<number> } {
  for (const name of readdirSync(TEST).filter((file) => file.endsWith('_objects.png'))) {
    const mask = importMask(name, readFileSync(join(TEST, name)), undefined, 'exact-dense');
    const object = mask.objects.find((candidate) => candidate.pixels >= 10 && candidate.pixels <= 20);
    if (!object) continue;
    const labels = rasterizeShapes([object], mask.width, mask.height).labels;
    const pixels = new Set<number>();
    labels.forEach((label, p) => label && pixels.add(p));
    return { image: name.replace('_objects.png', '.png'), rings: object.rings as number[][], pixels };
  }
  throw new Error('no object of 10 to 20 pixels in the test split');
}

/** Drags with the middle button so that the image point (ix, iy) comes to the middle of the viewer. */
async function bringToMiddle(page: Page, ix: number, iy: number): Promise<void> {
  const p = await placement(page);
  const box = (await page.getByTestId('viewer').boundingBox())!;
  await page.mouse.move(p.originX + ix * p.zoom, p.originY + iy * p.zoom);
  await page.mouse.down({ button: 'middle' });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up({ button: 'middle' });
}

test('a micronucleus of 10 to 20 px outlined at 100 % zoom reaches IoU 0.8 with the ground truth', async ({ page }) => {
  const truth = micronucleus();
  await openEmptyProject(page);
  await dropFiles(page, [realFile(join(TEST, truth.image))]);
  await waitForShownImage(page, truth.image);
  await page.keyboard.press('1');
  const [ring] = truth.rings;
  await bringToMiddle(page, ring[0], ring[1]);
  const p = await placement(page);
  expect(p.zoom).toBe(1);
  await page.keyboard.press('n');
  // A click on each corner of the outline: at 1:1 every one is within the grab radius of the
  // first, and none of them may close the outline early.
  await clickImagePoints(page, p, Array.from({ length: ring.length / 2 }, (_, i) => [ring[2 * i], ring[2 * i + 1]]));
  await screenshot(page, 'micronucleus-outlined');
  await page.keyboard.press('Enter');
  await waitUntilSaved(page);
  const [drawn] = await storedObjects(page);
  expect(drawn.rings[0].length).toBe(ring.length);
  const labels = rasterizeShapes([{ rings: drawn.rings, z: 1 }], 1104, 1104).labels;
  let both = 0, either = truth.pixels.size;
  labels.forEach((label, p) => {
    if (!label) return;
    if (truth.pixels.has(p)) both++;
    else either++;
  });
  expect(both / either).toBeGreaterThanOrEqual(0.8);
});

test('an outline that cannot close is dropped with the reason; the next outline is only itself', async ({ page }) => {
  await openEmptyProject(page);
  await dropFiles(page, [realFile(join(TEST, readdirSync(TEST).find((file) => !file.endsWith('_objects.png'))!))]);
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-shown-image', /\.png$/);
  const p = await placement(page);
  await page.keyboard.press('n');
  await drawPolygon(page, p, [[100, 100], [140, 100], [180, 100]]); // collinear: no area
  await expect(page.getByTestId('notice').filter({ hasText: 'Outline not added: it encloses no area.' })).toBeVisible();
  await drawPolygon(page, p, [[300, 300], [400, 300], [400, 400], [300, 400]]);
  await waitUntilSaved(page);
  const objects = await storedObjects(page);
  expect(objects).toHaveLength(1);
  expect(objects[0].rings[0]).toHaveLength(8);
});

test('an unfinished outline and the view of each image survive switching images and a reload', async ({ page }) => {
  await openEmptyProject(page);
  const names = readdirSync(TEST).filter((file) => !file.endsWith('_objects.png')).slice(0, 2);
  await dropFiles(page, names.map((name) => realFile(join(TEST, name))));
  await waitForShownImage(page, names[0]);
  // Zoom in somewhere on the first image and start an outline there.
  const viewer = page.getByTestId('viewer');
  const box = (await viewer.boundingBox())!;
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 3);
  await page.mouse.wheel(0, -300);
  await expect(viewer).not.toHaveAttribute('data-view', /^0\.\d+ /); // zoomed beyond the fit
  // The wheel may arrive as several events: take the view once it has settled.
  await expect.poll(async () => {
    const before = await viewer.getAttribute('data-view');
    await page.waitForTimeout(300);
    return before === (await viewer.getAttribute('data-view'));
  }).toBe(true);
  const view = await viewer.getAttribute('data-view');
  const p = await placement(page);
  await page.keyboard.press('n');
  const clicked = await clickImagePoints(page, p, [[300, 300], [340, 300], [340, 340]]);
  await page.keyboard.press('f');
  await waitForShownImage(page, names[1]);
  await page.keyboard.press('d');
  await waitForShownImage(page, names[0]);
  await expectView(viewer, view!);
  await page.waitForTimeout(600); // the view is written once it has stayed put
  await page.reload();
  await waitForShownImage(page, names[0]);
  await expectView(viewer, view!);
  await expect(page.locator('button[data-action="draw"]')).toHaveAttribute('aria-pressed', 'true');
  await screenshot(page, 'outline-after-reload');
  // The outline goes on where it was: one more vertex and it closes as four.
  await drawPolygon(page, await placement(page), [[300, 340]]);
  await waitUntilSaved(page);
  const [object] = await storedObjects(page);
  expect(object.rings[0].slice(0, 6).map((v) => Math.round(v * 1000) / 1000)).toEqual(clicked.map((v) => Math.round(v * 1000) / 1000));
  expect(object.rings[0]).toHaveLength(8);
});
