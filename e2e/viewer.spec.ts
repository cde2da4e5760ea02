import { expect, test, type Page } from '@playwright/test';
import { decode } from 'fast-png';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASET, NORMALIZATION, dropFiles, openEmptyProject, realFile, screenshot, waitForShownImage } from './helpers';

/** Pixel samples of a grey PNG, decoded here in the test, independent of the app. */
function greyPixels(path: string): { width: number; data: ArrayLike<number> } {
  const png = decode(readFileSync(path));
  expect(png.channels).toBe(1);
  return { width: png.width, data: png.data };
}

async function zoomPercent(page: Page): Promise<number> {
  return Number((await page.getByTestId('zoom').textContent())!.replace(/[^0-9]/g, ''));
}

/** Hovers a screen point of the viewer and reads the status bar: pixel indices and value text. */
async function readPixel(page: Page, x: number, y: number): Promise<{ x: number; y: number; value: string }> {
  await page.mouse.move(x, y);
  const position = page.getByTestId('cursor-position');
  await expect(position).toHaveText(/^x \d+, y \d+$/);
  const [, px, py] = (await position.textContent())!.match(/x (\d+), y (\d+)/)!;
  return { x: Number(px), y: Number(py), value: (await page.getByTestId('cursor-value').textContent())! };
}

test('zoom to pixel level, read true pixel values, pan, and change then reset contrast', async ({ page }) => {
  const name = 'MFGTMPcx7_170702000001_D13f04d0.png';
  const truth = greyPixels(join(DATASET, 'train', name));
  await openEmptyProject(page);
  await dropFiles(page, [realFile(join(DATASET, 'train', name))]);
  await waitForShownImage(page, name);
  const viewer = page.getByTestId('viewer');
  const box = (await viewer.boundingBox())!;
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };

  await page.mouse.move(centre.x, centre.y);
  for (let i = 0; i < 24; i++) await page.mouse.wheel(0, -100);
  await expect.poll(() => zoomPercent(page)).toBeGreaterThanOrEqual(4000);
  await screenshot(page, 'pixel-level');

  const zoom = (await zoomPercent(page)) / 100;
  const here = await readPixel(page, centre.x, centre.y);
  expect(here.value).toBe(`value ${truth.data[here.y * truth.width + here.x]}`);
  // One image pixel is `zoom` screen pixels wide: a move of 1.5 pixels lands one or two pixels over.
  const right = await readPixel(page, centre.x + 1.5 * zoom, centre.y + 2 * zoom);
  expect(right.x - here.x).toBeGreaterThanOrEqual(1);
  expect(right.x - here.x).toBeLessThanOrEqual(2);
  expect(right.y - here.y).toBeGreaterThanOrEqual(1);
  expect(right.y - here.y).toBeLessThanOrEqual(3);
  expect(right.value).toBe(`value ${truth.data[right.y * truth.width + right.x]}`);

  // Arrow keys pan by 60 screen pixels: the pixel under a still mouse moves.
  await page.keyboard.press('ArrowLeft');
  const panned = await readPixel(page, centre.x + 1.5 * zoom + 1, centre.y + 2 * zoom);
  expect(panned.x).toBeLessThan(right.x);
  // Space + drag pans too.
  await page.keyboard.down('Space');
  await page.mouse.down();
  await page.mouse.move(centre.x + 1.5 * zoom + 1, centre.y - 2 * zoom, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up('Space');
  const dragged = await readPixel(page, centre.x + 1.5 * zoom + 2, centre.y - 2 * zoom);
  expect(dragged.y).toBe(panned.y);

  // Contrast changes only the display; Reset brings back the exact same picture.
  await page.keyboard.press('0');
  await page.mouse.move(box.x + 5, box.y + 5);
  const before = await viewer.screenshot();
  await page.getByRole('slider', { name: 'Contrast' }).fill('3');
  await expect.poll(async () => (await viewer.screenshot()).equals(before)).toBe(false);
  await screenshot(page, 'contrast-raised');
  const sameValue = await readPixel(page, centre.x, centre.y);
  expect(sameValue.value).toBe(`value ${truth.data[sameValue.y * truth.width + sameValue.x]}`);
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.mouse.move(box.x + 5, box.y + 5);
  await expect.poll(async () => (await viewer.screenshot()).equals(before)).toBe(true);
});

test('a Cellomics .C01 opens normalized exactly like the reference; 16-bit values stay readable and re-windowable', async ({ page }) => {
  const input = greyPixels(join(NORMALIZATION, 'hoechst_like_1104x1104.input.png'));
  const expected = greyPixels(join(NORMALIZATION, 'hoechst_like_1104x1104.expected.png'));
  await openEmptyProject(page);
  await page.locator('header').getByTestId('file-input').setInputFiles(join(NORMALIZATION, 'hoechst_like_1104x1104.C01'));
  await waitForShownImage(page, 'hoechst_like_1104x1104.C01');
  await expect(page.getByText('Cellomics .C01')).toBeVisible();
  await expect(page.getByTestId('info-normalization')).toHaveText('180 – 3738');
  await screenshot(page, 'c01-normalized');

  const box = (await page.getByTestId('viewer').boundingBox())!;
  for (const [fx, fy] of [[0.5, 0.5], [0.3, 0.6], [0.62, 0.41]]) {
    const pixel = await readPixel(page, box.x + box.width * fx, box.y + box.height * fy);
    const index = pixel.y * input.width + pixel.x;
    expect(pixel.value).toBe(`value ${input.data[index]} (8-bit ${expected.data[index]})`);
  }

  // Re-windowing on the original values changes the picture, not the values.
  const viewer = page.getByTestId('viewer');
  await page.mouse.move(box.x + 3, box.y + 3);
  const before = await viewer.screenshot();
  await page.getByRole('spinbutton', { name: 'White point' }).fill('1500');
  await expect(page.getByRole('slider', { name: 'White point slider' })).toHaveValue('1500');
  await expect.poll(async () => (await viewer.screenshot()).equals(before)).toBe(false);
  await screenshot(page, 'c01-rewindowed');
  const pixel = await readPixel(page, box.x + box.width / 2, box.y + box.height / 2);
  const index = pixel.y * input.width + pixel.x;
  expect(pixel.value).toBe(`value ${input.data[index]} (8-bit ${expected.data[index]})`);
  // Display settings are saved with the image.
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await page.reload();
  await waitForShownImage(page, 'hoechst_like_1104x1104.C01');
  await expect(page.getByRole('spinbutton', { name: 'White point' })).toHaveValue('1500');
});
