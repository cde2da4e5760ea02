import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATASET, dropFiles, imageRows, openEmptyProject, realFile, screenshot, waitForShownImage } from './helpers';

const TRAIN = join(DATASET, 'train');
const THREE = ['MFGTMPcx7_170702000001_B14f07d0.png', 'MFGTMPcx7_170702000001_D13f04d0.png', 'MFGTMPcx7_170702090001_A02f07d0.png'];

test('first start offers a generated demo project', async ({ page }) => {
  await page.goto('/');
  await expect(imageRows(page)).toHaveCount(3);
  await expect(page.getByText('Demo images, generated for trying the app.')).toBeVisible();
  await waitForShownImage(page, 'DEMO_000000000001_B02f00d0');
  await expect(page.getByTestId('info-plate')).toHaveText('000000000001');
  // The first demo image comes annotated, the others are left to try drawing on.
  await expect.poll(async () => Number(await page.getByTestId('object-count').textContent())).toBeGreaterThanOrEqual(40);
  await expect(imageRows(page).nth(1).getByTestId('image-object-count')).toHaveText('0 objects');
  await screenshot(page, 'demo-project');
  // Once removed, the demo does not come back by itself, but the empty project offers it.
  await page.getByRole('button', { name: 'Remove demo images' }).click();
  await expect(imageRows(page)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Open demo project' })).toBeVisible();
  await expect(imageRows(page)).toHaveCount(0);
  // Nothing speaks of an image that is not there: no zoom figure, no hint to draw on it.
  await expect(page.getByTestId('zoom')).toHaveText('–');
  await expect(page.getByText('Press N and click around a nucleus')).toHaveCount(0);
  await screenshot(page, 'empty-project');
  await page.getByRole('button', { name: 'Open demo project' }).click();
  await expect(imageRows(page)).toHaveCount(3);
});

test('dropping three dataset images and a corrupt file adds three and explains the fourth; a reload keeps them', async ({ page }) => {
  await openEmptyProject(page);
  const corrupt = { name: 'broken_scan.png', bytes: readFileSync(join(TRAIN, THREE[0])).subarray(0, 3000) };
  await dropFiles(page, [...THREE.map((name) => realFile(join(TRAIN, name))), corrupt]);

  await expect(imageRows(page)).toHaveCount(3);
  const alert = page.getByRole('alert');
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText('broken_scan.png');
  await expect(alert).toContainText(/truncated|corrupt/i);
  await expect(imageRows(page).first()).toContainText('B14 f7');
  await expect(imageRows(page).first()).toHaveAttribute('title', /well B14 · field 7 · channel 0 · plate 170702000001\n1104 × 1104 · 8-bit grey/);
  await waitForShownImage(page, THREE[0]);
  await screenshot(page, 'three-images-one-error');

  await page.reload();
  await expect(imageRows(page)).toHaveCount(3);
  for (const [i, name] of THREE.entries()) await expect(imageRows(page).nth(i)).toHaveAttribute('data-name', name);
  await waitForShownImage(page, THREE[0]);
  // Dropping the same files again does not duplicate them.
  await dropFiles(page, [realFile(join(TRAIN, THREE[1]))]);
  await expect(page.getByRole('status').filter({ hasText: 'Already in the project' })).toBeVisible();
  await expect(imageRows(page)).toHaveCount(3);
});

test('a picked folder brings in its images and skips other files', async ({ page }) => {
  const folder = mkdtempSync(join(tmpdir(), 'nuclei-folder-'));
  for (const name of THREE.slice(0, 2)) copyFileSync(join(TRAIN, name), join(folder, name));
  writeFileSync(join(folder, 'notes.txt'), 'plate layout');
  await openEmptyProject(page);
  await page.locator('header').getByTestId('folder-input').setInputFiles(folder);
  await expect(imageRows(page)).toHaveCount(2);
  await expect(page.getByRole('status').filter({ hasText: 'notes.txt' })).toContainText('not images');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('F and D page through images; removing asks first and keeps the rest', async ({ page }) => {
  await openEmptyProject(page);
  await dropFiles(page, THREE.map((name) => realFile(join(TRAIN, name))));
  await expect(imageRows(page)).toHaveCount(3);
  await waitForShownImage(page, THREE[0]);
  await page.keyboard.press('f');
  await waitForShownImage(page, THREE[1]);
  await page.keyboard.press('f');
  await waitForShownImage(page, THREE[2]);
  await page.keyboard.press('f'); // already the last image: stays
  await waitForShownImage(page, THREE[2]);
  await page.keyboard.press('d');
  await waitForShownImage(page, THREE[1]);

  await imageRows(page).nth(1).hover(); // the button shows on the row under the mouse
  await page.getByRole('button', { name: `Remove ${THREE[1]}` }).click();
  const dialog = page.getByTestId('confirm-removal');
  await expect(dialog).toContainText(THREE[1]);
  await screenshot(page, 'confirm-removal');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(imageRows(page)).toHaveCount(3);
  await imageRows(page).nth(1).hover(); // the button shows on the row under the mouse
  await page.getByRole('button', { name: `Remove ${THREE[1]}` }).click();
  await page.getByTestId('confirm-removal').getByRole('button', { name: 'Remove' }).click();
  await expect(imageRows(page)).toHaveCount(2);
  await waitForShownImage(page, THREE[2]);
  await page.reload();
  await expect(imageRows(page)).toHaveCount(2);
});
