import { expect, test } from '@playwright/test';
import { decode } from 'fast-png';
import { unzipSync } from 'fflate';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASET, dropFiles, imageCount, imageRows, openEmptyProject, realFile, screenshot } from './helpers';

const ALL_IMAGES = ['train', 'dev', 'test'].flatMap((split) =>
  readdirSync(join(DATASET, split))
    .filter((name) => name.endsWith('.png') && !name.endsWith('_objects.png'))
    .map((name) => join(DATASET, split, name)),
);

test('long tasks can be cancelled from their progress bar: nothing half-added, no download, the app goes on', async ({ page }) => {
  await openEmptyProject(page);
  await dropFiles(page, ALL_IMAGES.map(realFile));
  const bar = page.getByRole('status', { name: 'Progress' });
  await expect(bar).toContainText(/Adding .* \(\d+ of 50\)/);
  await expect(imageRows(page)).not.toHaveCount(0);
  await screenshot(page, 'task-progress');
  await bar.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Adding: cancelled')).toBeVisible();
  await expect(bar).toBeHidden();
  const added = Number(await imageCount(page).textContent());
  expect(added).toBeGreaterThan(0);
  expect(added).toBeLessThan(50);
  // Every image listed is whole in storage: a reload shows the same ones, each opening.
  await page.reload();
  await expect(imageCount(page)).toHaveText(String(added));
  await imageRows(page).first().click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-shown-image', /\.png$/);

  // All 50 in (those already there are skipped), then a project export with the images in it,
  // big enough to take a while, cancelled: no file is downloaded.
  await dropFiles(page, ALL_IMAGES.map(realFile));
  await expect(imageCount(page)).toHaveText('50', { timeout: 120_000 });
  await expect(bar).toBeHidden({ timeout: 120_000 });
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByRole('checkbox', { name: /include the images/ }).check();
  await dialog.getByRole('button', { name: 'Export project (ZIP)' }).click();
  await bar.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Exporting: cancelled')).toBeVisible();
  await expect(bar).toBeHidden();
  // The same export, not cancelled, still works afterwards.
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export project (ZIP)' }).click();
  expect((await download).suggestedFilename()).toBe('nuclei-masks.zip');
  expect(downloads).toBe(1);
});

test('an export started while masks are still coming in waits for them, says so, and holds every one', async ({ page }) => {
  await openEmptyProject(page);
  const train = join(DATASET, 'train');
  const names = readdirSync(train).filter((name) => name.endsWith('_objects.png')).slice(0, 12);
  const files = names.flatMap((mask) => [mask, mask.replace('_objects.png', '.png')]).map((name) => realFile(join(train, name)));
  await dropFiles(page, files);
  await expect(page.getByRole('status', { name: 'Progress' })).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText('Saving…'); // what is coming in is not saved yet
  await page.getByRole('button', { name: 'Export…' }).click();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-dialog').getByRole('button', { name: 'Export project (ZIP)' }).click();
  await expect(page.getByText('The export starts once the images and annotations being brought in are all in.')).toBeVisible();
  const zip = unzipSync(readFileSync(await (await download).path()));
  const masks = Object.keys(zip).filter((path) => path.endsWith('_objects.png'));
  expect(masks).toHaveLength(12);
  for (const path of masks) expect(new Set(decode(zip[path]).data).size, path).toBeGreaterThan(2); // objects in every one
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
});
