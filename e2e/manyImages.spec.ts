import { expect, test } from '@playwright/test';
import { openEmptyProject, waitForShownImage } from './helpers';
import { seedProject, seededName } from './seedProject';

const COUNT = 1000;
const LAST = seededName(COUNT);

test.describe('a project of 1,000 images (the list draws only the rows in view)', () => {
  test.beforeEach(async ({ page }) => {
    test.setTimeout(180_000);
    await openEmptyProject(page);
    await seedProject(page, COUNT);
    await expect(page.locator('.image-list .count')).toHaveText(String(COUNT));
  });

  test('the 1000th image is reached and opened with the keyboard', async ({ page }) => {
    const rows = page.getByTestId('image-row');
    expect(await rows.count()).toBeLessThan(60); // virtualized: not 1,000 rows in the page
    await expect(page.locator(`[data-testid="image-row"][data-name="${LAST}"]`)).toHaveCount(0);
    await page.getByRole('listbox', { name: 'Project images' }).focus();
    await page.keyboard.press('End');
    const last = page.locator(`[data-testid="image-row"][data-name="${LAST}"]`);
    await expect(last).toBeInViewport();
    await expect(last).toHaveClass(/active/);
    await page.keyboard.press('Enter');
    await waitForShownImage(page, LAST);
    await expect(last).toHaveAttribute('aria-selected', 'true');
    // The keyboard goes on from there.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await waitForShownImage(page, seededName(COUNT - 1));
    await page.screenshot({ path: 'screenshots/many-images-last.png' });
  });

  test('the 1000th image is reached by scrolling the list with the mouse wheel, and by finding its name', async ({ page }) => {
    const list = page.locator('.image-scroller');
    const box = (await list.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const last = page.locator(`[data-testid="image-row"][data-name="${LAST}"]`);
    for (let i = 0; i < 200 && !(await last.isVisible()); i++) await page.mouse.wheel(0, 1500);
    await expect(last).toBeInViewport();
    await last.click();
    await waitForShownImage(page, LAST);

    await page.getByRole('searchbox', { name: 'Find images by name' }).fill('0999');
    await expect(page.getByTestId('image-row')).toHaveCount(1);
    await page.locator(`[data-testid="image-row"][data-name="${seededName(999)}"]`).click();
    await waitForShownImage(page, seededName(999));
    await expect(page.getByTestId('object-count')).toHaveText('50'); // its objects are shown with it

    // The dashboard counts every image but draws only the rows in view; a click on one opens it.
    await page.getByRole('button', { name: 'Dashboard' }).click();
    await expect(page.getByTestId('count-new')).toHaveText(/new\s*333$/);
    await expect(page.getByTestId('count-in progress')).toHaveText(/in progress\s*667$/);
    expect(await page.getByTestId('dashboard-row').count()).toBeLessThan(60);
    await page.screenshot({ path: 'screenshots/many-images-dashboard.png' });
    await page.getByTestId('dashboard-row').nth(3).click();
    await waitForShownImage(page, seededName(4));
  });
});
