import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawPolygon, placement } from './annotation';
import { DATASET, dropFiles, imageRows, openEmptyProject, realFile, screenshot, waitForShownImage } from './helpers';

const TRAIN = join(DATASET, 'train');
const IMAGES = readdirSync(TRAIN).filter((name) => !name.endsWith('_objects.png')).slice(0, 20);

test.use({ viewport: { width: 1400, height: 1000 } });

test('a compact image list, splits set for several images at once, the dashboard listing every image', async ({ page }) => {
  await openEmptyProject(page);
  await dropFiles(page, IMAGES.map((name) => realFile(join(TRAIN, name))));
  await expect(imageRows(page)).toHaveCount(20);
  await waitForShownImage(page, IMAGES[0]);
  // 15 or more rows fit a 1000 px high window; long names are cut in the middle, whole on hover.
  const list = page.getByRole('listbox', { name: 'Project images' });
  const visible = await imageRows(page).evaluateAll((rows, bottom) => rows.filter((row) => row.getBoundingClientRect().bottom <= bottom).length, (await list.evaluate((el) => el.closest('aside')!.getBoundingClientRect().bottom)));
  expect(visible).toBeGreaterThanOrEqual(15);
  const first = imageRows(page).first();
  await expect(first.locator('.image-name')).toHaveText(/^MFGTMP\w*…\w*_B14f07d0\.png$/);
  await expect(first).toHaveAttribute('title', new RegExp(`^${IMAGES[0].replace('.', '\\.')}\\n`));

  // Rows 1..3 with Shift + click, row 5 added with Ctrl + click: all four to "dev".
  await imageRows(page).nth(2).click({ modifiers: ['Shift'] });
  await imageRows(page).nth(4).click({ modifiers: ['Control'] });
  await expect(page.getByText('Split of 4 selected')).toBeVisible();
  await page.getByRole('combobox', { name: 'Split' }).selectOption('dev');
  await expect(page.getByTestId('image-split')).toHaveCount(4);
  await screenshot(page, 'image-list-splits');
  await page.reload();
  await expect(page.getByTestId('image-split')).toHaveCount(4);

  // The dashboard lists every image from the start.
  await page.getByRole('button', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('dashboard-row')).toHaveCount(20);
  await expect(page.getByTestId('count-open-issues')).toHaveText('open issues 0');
  await page.getByTestId('dashboard').getByRole('button', { name: 'Close' }).click();

  // The project ZIP puts the four in dev/, the rest in all/.
  await page.getByRole('button', { name: 'Export…' }).click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-dialog').getByRole('button', { name: 'Export project (ZIP)' }).click();
  const zip = unzipSync(readFileSync(await (await download).path()));
  const folders = Object.keys(zip).filter((path) => path.endsWith('_objects.png')).map((path) => path.split('/')[0]);
  expect(folders.filter((folder) => folder === 'dev')).toHaveLength(4);
  expect(folders.filter((folder) => folder === 'all')).toHaveLength(16);
});

test('notices: information goes, repeats collapse with a count, stale ones clear, errors stay, the log keeps them', async ({ page }) => {
  await openEmptyProject(page);
  await dropFiles(page, [realFile(join(TRAIN, IMAGES[0]))]);
  await waitForShownImage(page, IMAGES[0]);
  const p = await placement(page);
  await page.keyboard.press('n');
  await drawPolygon(page, p, [[300, 300], [400, 300], [400, 400]]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  // The annotator tries to draw on the submitted image three times: one notice, counted.
  for (let i = 0; i < 3; i++) await page.keyboard.press('n');
  const refused = page.getByTestId('notice').filter({ hasText: 'only a reviewer can change it' });
  await expect(refused).toHaveCount(1);
  await expect(refused.getByTestId('notice-count')).toHaveText('×3');
  // A dropped duplicate says so for a few seconds only.
  await dropFiles(page, [realFile(join(TRAIN, IMAGES[0]))]);
  const info = page.getByTestId('notice').filter({ hasText: 'Already in the project' });
  await expect(info).toBeVisible();
  await screenshot(page, 'notices');
  await expect(info).toBeHidden({ timeout: 10_000 });
  await expect(refused).toBeVisible(); // an error stays …
  await page.getByRole('combobox', { name: 'Role' }).selectOption('reviewer');
  await expect(refused).toBeHidden(); // … until it no longer holds: a reviewer may change the image
  await page.getByRole('button', { name: /^Notices/ }).click();
  const log = page.getByTestId('notice-log');
  await expect(log).toContainText('only a reviewer can change it now (×3)');
  await expect(log).toContainText('Already in the project');
});

test('Z zooms onto the selected object, and a micronucleus picked in the list is shown large', async ({ page }) => {
  await openEmptyProject(page);
  await dropFiles(page, [realFile(join(TRAIN, IMAGES[0])), realFile(join(TRAIN, IMAGES[0].replace('.png', '_objects.png')))]);
  await waitForShownImage(page, IMAGES[0]);
  await expect(page.getByTestId('object-count')).not.toHaveText('0');
  const zoom = async () => Number((await page.getByTestId('viewer').getAttribute('data-view'))!.split(' ')[0]);
  const fit = await zoom();
  await page.getByTestId('object-row').first().click();
  await page.keyboard.press('z');
  await expect.poll(zoom).toBeGreaterThan(fit * 3);
});

test('annotations picked onto an image with objects: a reference layer, or replace with undo, never a silent refusal', async ({ page }) => {
  await openEmptyProject(page);
  const image = IMAGES[0];
  const mask = image.replace('.png', '_objects.png');
  await dropFiles(page, [realFile(join(TRAIN, image))]);
  await waitForShownImage(page, image);
  const p = await placement(page);
  await page.keyboard.press('n');
  await drawPolygon(page, p, [[100, 100], [200, 100], [200, 200]]);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('object-count')).toHaveText('1');

  const picker = page.locator('header [data-testid="annotations-input"]');
  await picker.setInputFiles(join(TRAIN, mask));
  const dialog = page.getByTestId('import-choice');
  await expect(dialog).toContainText(`${image} has 1 objects`);
  await dialog.getByRole('button', { name: /Show as a reference layer/ }).click();
  await expect(page.getByTestId('reference-layer')).toContainText(mask);
  await expect(page.getByTestId('object-count')).toHaveText('1'); // the image's own objects are untouched
  await screenshot(page, 'reference-layer');
  await page.reload();
  await waitForShownImage(page, image);
  await expect(page.getByTestId('reference-layer')).toHaveCount(1);

  await picker.setInputFiles(join(TRAIN, mask));
  await dialog.getByRole('button', { name: /Replace them/ }).click();
  await expect(page.getByTestId('object-count')).not.toHaveText('1');
  const imported = Number(await page.getByTestId('object-count').textContent());
  expect(imported).toBeGreaterThan(10);
  await page.keyboard.press('Control+z'); // the replaced object comes back
  await expect(page.getByTestId('object-count')).toHaveText('1');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('object-count')).toHaveText(String(imported));
  await page.getByRole('button', { name: `Remove the reference layer ${mask}` }).click();
  await expect(page.getByTestId('reference-layer')).toHaveCount(0);
});
