import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { drawPolygon, placement, screenPoint, storedObjects, waitUntilSaved } from './annotation';
import { DATASET, dropFiles, openEmptyProject, realFile, screenshot, waitForShownImage } from './helpers';

const IMAGE = 'MFGTMPcx7_170702090001_A02f07d0.png';

const rows = (page: Page) => page.getByTestId('object-row');

test('object list, flags, stacking, hide, lock, Tab and overlay modes', async ({ page }) => {
  await openEmptyProject(page);
  await dropFiles(page, [realFile(join(DATASET, 'train', IMAGE))]);
  await waitForShownImage(page, IMAGE);
  const p = await placement(page);
  await page.keyboard.press('n');
  await drawPolygon(page, p, [[100, 100], [200, 100], [200, 200], [100, 200]]);
  await drawPolygon(page, p, [[150, 150], [260, 150], [260, 260], [150, 260]]); // overlaps the first
  await drawPolygon(page, p, [[400, 400], [500, 500], [500, 400], [400, 500]]); // a bow-tie
  await page.keyboard.press('Escape');
  await expect(rows(page)).toHaveCount(3);
  await expect(rows(page).nth(2)).toContainText('crosses');
  await expect(page.getByText('⚠ 1')).toBeVisible();
  // Sorted by area (largest first), then only the flagged outline, then back.
  const list = page.getByRole('region', { name: 'Objects' });
  await list.getByRole('button', { name: 'area px' }).click();
  await expect(rows(page).first().locator('span').first()).toHaveText('2'); // the 110 x 110 square is the largest
  await list.getByRole('checkbox').check();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('crosses');
  await list.getByRole('checkbox').uncheck();
  await list.getByRole('button', { name: /^#/ }).click();
  await expect(rows(page).first().locator('span').first()).toHaveText('1');

  // Click picks the topmost object where two overlap; Ctrl+[ sends it to the back.
  const overlap = screenPoint(p, 175, 175);
  await page.mouse.click(overlap.sx, overlap.sy);
  await expect(rows(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Control+[');
  await expect(rows(page).nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.mouse.click(overlap.sx, overlap.sy);
  await expect(rows(page).nth(1)).toHaveAttribute('aria-selected', 'true'); // now the other one is on top
  await page.keyboard.press('Control+]');
  await expect(rows(page).nth(2)).toHaveAttribute('aria-selected', 'true');

  // Tab walks through the objects in stacking order.
  await page.keyboard.press('Tab');
  await expect(rows(page).nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Shift+Tab');
  await expect(rows(page).nth(2)).toHaveAttribute('aria-selected', 'true');

  // Lock: Delete and arrows do nothing; unlock and hide.
  await page.keyboard.press('l');
  await expect(rows(page).nth(2)).toContainText('locked');
  await page.keyboard.press('Delete');
  await page.keyboard.press('ArrowRight');
  await expect(rows(page)).toHaveCount(3);
  await page.keyboard.press('l');
  await page.keyboard.press('h');
  await expect(rows(page).nth(2)).toContainText('hidden');
  await screenshot(page, 'objects-flags');

  // A click in the list selects and centres the view on the object.
  await page.keyboard.press('Escape');
  await rows(page).nth(1).click(); // the bow-tie, centred at (450, 450)
  const after = await placement(page);
  const box = (await page.getByTestId('viewer').boundingBox())!;
  expect(after.originX + 450 * after.zoom).toBeCloseTo(box.x + box.width / 2, 0);
  expect(after.originY + 450 * after.zoom).toBeCloseTo(box.y + box.height / 2, 0);

  // Overlay: V cycles fill, outline, hidden; hidden objects cannot be picked.
  const viewer = page.getByTestId('viewer');
  await page.mouse.move(box.x + 2, box.y + 2);
  const filled = await viewer.screenshot();
  await page.keyboard.press('v');
  await expect(page.getByRole('radio', { name: 'Outline' })).toHaveAttribute('aria-checked', 'true');
  await expect.poll(async () => (await viewer.screenshot()).equals(filled)).toBe(false);
  await screenshot(page, 'overlay-outline');
  await page.keyboard.press('v');
  await expect(page.getByRole('radio', { name: 'Hidden' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('v');
  await expect(page.getByRole('radio', { name: 'Fill' })).toHaveAttribute('aria-checked', 'true');

  await waitUntilSaved(page);
  const stored = await storedObjects(page);
  expect(stored.map((object) => [object.hidden ?? false, object.locked ?? false])).toEqual([
    [false, false],
    [false, false],
    [true, false],
  ]);
});
