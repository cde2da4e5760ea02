import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { storedObjects, type StoredObject } from './annotation';
import { DATASET, dropFiles, openEmptyProject, realFile, screenshot, waitForShownImage } from './helpers';

const IMAGE = 'MFGTMPcx7_170702000001_B14f07d0';

/** Mean of the ring's vertices, when it lies inside the ring (even-odd): a point the fill must cover. */
function innerPoint(object: StoredObject): { x: number; y: number } | null {
  const ring = object.rings[0];
  let x = 0, y = 0;
  for (let i = 0; i < ring.length; i += 2) (x += ring[i]), (y += ring[i + 1]);
  (x /= ring.length / 2), (y /= ring.length / 2);
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
    if (ring[i + 1] > y !== ring[j + 1] > y && x < ((ring[j] - ring[i]) * (y - ring[i + 1])) / (ring[j + 1] - ring[i + 1]) + ring[i]) inside = !inside;
  }
  return inside ? { x, y } : null;
}

/**
 * How many objects with an inner point at least 4 px inside the viewer show no fill there on the
 * objects layer, and how many were checked: read once the frame after the input is painted.
 */
async function missingObjects(page: Page, points: Array<{ x: number; y: number }>): Promise<{ missing: number; checked: number; quality: string }> {
  return page.evaluate(async (points) => {
    await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
    const canvas = document.querySelector<HTMLCanvasElement>('canvas[data-objects]')!;
    const [zoom, vx, vy] = document.querySelector<HTMLElement>('[data-testid="viewer"]')!.dataset.view!.split(' ').map(Number);
    const ratio = canvas.width / canvas.clientWidth;
    const ctx = canvas.getContext('2d')!;
    let missing = 0, checked = 0;
    for (const point of points) {
      const sx = vx + point.x * zoom, sy = vy + point.y * zoom;
      if (sx < 4 || sy < 4 || sx > canvas.clientWidth - 4 || sy > canvas.clientHeight - 4) continue;
      checked++;
      const data = ctx.getImageData(Math.round(sx * ratio) - 1, Math.round(sy * ratio) - 1, 3, 3).data;
      let alpha = 0;
      for (let k = 3; k < data.length; k += 4) alpha = Math.max(alpha, data[k]);
      if (alpha === 0) missing++;
    }
    return { missing, checked, quality: canvas.dataset.objects ?? '' };
  }, points);
}

test('objects are drawn in every frame of a long pan and a zoom, never blank, and sharp once the view rests', async ({ page }) => {
  await openEmptyProject(page);
  await dropFiles(page, [realFile(join(DATASET, 'train', `${IMAGE}.png`)), realFile(join(DATASET, 'train', `${IMAGE}_objects.png`))]);
  await waitForShownImage(page, `${IMAGE}.png`);
  await expect(page.getByTestId('object-count')).not.toHaveText('0');
  const objects = await storedObjects(page);
  const points = objects.map(innerPoint).filter((point): point is { x: number; y: number } => point !== null);
  expect(points.length).toBeGreaterThan(objects.length * 0.8);

  // 1.95x, then a middle-button pan of 1.25 viewer widths in steps of a quarter: each step exposes
  // new ground beyond what was drawn around the view before.
  await page.keyboard.press('1');
  for (let i = 0; i < 3; i++) await page.keyboard.press('+');
  const box = (await page.getByTestId('viewer').boundingBox())!;
  const start = { x: Math.round(box.x + box.width - 20), y: Math.round(box.y + box.height / 2) };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down({ button: 'middle' });
  let checked = 0;
  for (let step = 1; step <= 5; step++) {
    await page.mouse.move(start.x - step * Math.round(box.width / 4), start.y - step * 20);
    const shown = await missingObjects(page, points);
    checked += shown.checked;
    expect(shown.missing, `objects with no fill after pan step ${step}`).toBe(0);
  }
  expect(checked).toBeGreaterThan(10);
  await page.mouse.up({ button: 'middle' });
  await expect(page.locator('canvas[data-objects]')).toHaveAttribute('data-objects', 'sharp');
  expect((await missingObjects(page, points)).missing).toBe(0);
  await screenshot(page, 'objects-after-pan');

  // Zooming out step by step: the view is filled from coarser levels until it is redrawn.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('-');
    expect((await missingObjects(page, points)).missing, `objects with no fill after zoom step ${i + 1}`).toBe(0);
  }
  await expect(page.locator('canvas[data-objects]')).toHaveAttribute('data-objects', 'sharp');
  await screenshot(page, 'objects-after-zoom');
});
