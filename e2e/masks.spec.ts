import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drawPolygon, placement, screenPoint, waitUntilSaved } from './annotation';
import { DATASET, dropFiles, imageRows, openEmptyProject, realFile, screenshot, waitForShownImage } from './helpers';
import { exportFile, pixelsInside, pixelsOfColor, pngLayout, rgbPixels } from './masks';

const TRAIN = join(DATASET, 'train');

const B14 = 'MFGTMPcx7_170702000001_B14f07d0';

test('three drawn objects export as an exact _objects.png: RGB without alpha, one colour each, the right pixels', async ({ page }) => {
  await openEmptyProject(page);
  await dropFiles(page, [realFile(join(TRAIN, 'MFGTMPcx7_170702000001_D13f04d0.png'))]);
  await waitForShownImage(page, 'MFGTMPcx7_170702000001_D13f04d0.png');
  const p = await placement(page);
  await page.keyboard.press('n');
  const rings = [
    await drawPolygon(page, p, [[100.3, 100.2], [180.7, 110.4], [150.1, 190.9]]),
    await drawPolygon(page, p, [[300, 300], [420, 300], [420, 380], [300, 380]]),
    await drawPolygon(page, p, [[600, 100], [660, 180], [600, 260], [540, 180]]),
  ];
  await page.keyboard.press('Escape');
  await waitUntilSaved(page);

  const { name, bytes } = await exportFile(page, /random, seeded/, 'Export this image');
  expect(name).toBe('MFGTMPcx7_170702000001_D13f04d0_objects.png');
  const layout = pngLayout(bytes);
  expect([layout.colorType, layout.bitDepth]).toEqual([2, 8]);
  expect(layout.chunks).not.toContain('tRNS');
  await expect(page.getByTestId('export-report')).toContainText('3 objects · 0 overlapping pixels · 0 objects without pixels');
  await screenshot(page, 'export-dialog');

  const { width, height, colors } = rgbPixels(bytes);
  expect([width, height]).toEqual([1104, 1104]);
  const used = [...new Set(colors)].filter((color) => color !== 0);
  expect(used).toHaveLength(3);
  let covered = 0;
  for (const ring of rings) {
    const expected = pixelsInside(ring, width);
    const color = colors[[...expected][Math.floor(expected.size / 2)]];
    expect(color).not.toBe(0);
    expect(pixelsOfColor(colors, color)).toEqual(expected);
    covered += expected.size;
  }
  expect(colors.filter((color) => color !== 0).length).toBe(covered);

  // Exporting again gives the same bytes (colours are seeded by the image name).
  const again = await exportFile(page, /random, seeded/, 'Export this image');
  expect(again.bytes.equals(bytes)).toBe(true);
});

test('a real _objects.png comes in with its image; moving one object changes only that object in the export', async ({ page }) => {
  await openEmptyProject(page);
  await dropFiles(page, [realFile(join(TRAIN, `${B14}.png`)), realFile(join(TRAIN, `${B14}_objects.png`))]);
  await waitForShownImage(page, `${B14}.png`);
  await expect(page.getByTestId('object-count')).toHaveText('41');
  await expect(page.getByRole('status').filter({ hasText: '41 objects added' })).toBeVisible();
  await screenshot(page, 'mask-imported');

  // Pick the largest object from the file itself and click its middle pixel on screen.
  const original = rgbPixels(readFileSync(join(TRAIN, `${B14}_objects.png`)));
  const sizes = new Map<number, number>();
  original.colors.forEach((color) => color && sizes.set(color, (sizes.get(color) ?? 0) + 1));
  const [color] = [...sizes].sort((a, b) => b[1] - a[1])[0];
  const objectPixels = [...pixelsOfColor(original.colors, color)];
  const middle = objectPixels[Math.floor(objectPixels.length / 2)];
  const p = await placement(page);
  const at = screenPoint(p, (middle % 1104) + 0.5, Math.floor(middle / 1104) + 0.5);
  await page.mouse.click(at.sx, at.sy);
  await page.keyboard.press('ArrowRight');
  await waitUntilSaved(page);

  const exported = rgbPixels((await exportFile(page, /Pascal VOC/, 'Export this image')).bytes);
  const moved = new Set(objectPixels.map((i) => i + 1));
  const changed: number[] = [];
  exported.colors.forEach((value, i) => value !== original.colors[i] && changed.push(i));
  expect(changed.length).toBeGreaterThan(0);
  for (const i of changed) expect(moved.has(i) || original.colors[i] === color).toBe(true);
  expect(pixelsOfColor(exported.colors, color)).toEqual(new Set([...moved].filter((i) => exported.colors[i] === color)));
  for (const i of moved) if (original.colors[i] === 0 || original.colors[i] === color) expect(exported.colors[i]).toBe(color);
});

test('a picked dataset folder pairs images with masks and exports a ZIP by split', async ({ page }) => {
  const root = mkdtempSync(join(tmpdir(), 'nuclei-dataset-'));
  const pairs = [['train', B14], ['dev', 'MFGTMPcx7_170702000001_G07f02d0']] as const;
  for (const [split, base] of pairs) {
    mkdirSync(join(root, split));
    // Both come from the dataset's train folder; the folder they are picked from sets the split.
    copyFileSync(join(TRAIN, `${base}.png`), join(root, split, `${base}.png`));
    copyFileSync(join(TRAIN, `${base}_objects.png`), join(root, split, `${base}_objects.png`));
  }
  await openEmptyProject(page);
  await page.locator('header').getByTestId('folder-input').setInputFiles(root);
  await expect(imageRows(page)).toHaveCount(2);
  await expect(imageRows(page).nth(0)).toContainText('41 objects');
  await expect(imageRows(page).nth(1)).toContainText('51 objects');

  await page.getByRole('button', { name: 'Export…' }).click();
  await page.getByTestId('export-dialog').getByRole('checkbox', { name: /include the images/ }).check();
  const zip = await exportFile(page, /Pascal VOC/, 'Export project (ZIP)');
  expect(zip.name).toBe('nuclei-masks.zip');
  const files = unzipSync(new Uint8Array(zip.bytes));
  expect(Object.keys(files).sort()).toEqual([
    `dev/MFGTMPcx7_170702000001_G07f02d0.png`,
    `dev/MFGTMPcx7_170702000001_G07f02d0_objects.png`,
    'review.json',
    `train/${B14}.png`,
    `train/${B14}_objects.png`,
  ]);
  // The B14 mask is the dataset's original VOC file: imported and exported again, pixel for pixel.
  const back = rgbPixels(Buffer.from(files[`train/${B14}_objects.png`]));
  expect(back.colors).toEqual(rgbPixels(readFileSync(join(TRAIN, `${B14}_objects.png`))).colors);
});

test('masks that do not fit are refused by name and reason, and nothing changes', async ({ page }) => {
  await openEmptyProject(page);
  await dropFiles(page, [realFile(join(TRAIN, `${B14}.png`))]);
  await waitForShownImage(page, `${B14}.png`);
  const small = readFileSync(join(DATASET, '..', 'normalization', 'small_gamma_48x64.expected.png'));
  await dropFiles(page, [
    { name: `${B14}_labels.png`, bytes: small },
    { name: 'unknown_image_objects.png', bytes: readFileSync(join(TRAIN, `${B14}_objects.png`)) },
    { name: `${B14}_objects.png`, bytes: readFileSync(join(TRAIN, `${B14}_objects.png`)).subarray(0, 5000) },
  ]);
  const alerts = page.getByRole('alert');
  await expect(alerts).toHaveCount(3);
  await expect(alerts.filter({ hasText: `${B14}_labels.png` })).toContainText('1104');
  await expect(alerts.filter({ hasText: 'unknown_image_objects.png' })).toContainText('no image named unknown_image');
  await expect(alerts.filter({ hasText: `${B14}_objects.png` })).toBeVisible();
  await expect(page.getByTestId('object-count')).toHaveText('0');
});
