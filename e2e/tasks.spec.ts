import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DATASET, dropFiles, imageRows, openEmptyProject, realFile, screenshot } from './helpers';

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
  const added = await imageRows(page).count();
  expect(added).toBeGreaterThan(0);
  expect(added).toBeLessThan(50);
  // Every image listed is whole in storage: a reload shows the same ones, each opening.
  await page.reload();
  await expect(imageRows(page)).toHaveCount(added);
  await imageRows(page).last().click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-shown-image', /\.png$/);

  // A project export with the images in it, cancelled: no file is downloaded.
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
