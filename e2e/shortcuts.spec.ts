import { expect, test } from '@playwright/test';
import { screenshot } from './helpers';

test('? opens the shortcuts list, Escape closes it, and shortcuts stay quiet while typing', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('image-row')).toHaveCount(3);
  await page.keyboard.press('?');
  const help = page.getByTestId('shortcuts-help');
  await expect(help).toBeVisible();
  await expect(help.getByRole('row', { name: 'F Next image', exact: true })).toBeVisible();
  await expect(help.getByRole('row').filter({ hasText: 'Zoom around the cursor' })).toBeVisible();
  await screenshot(page, 'shortcuts');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.keyboard.press('F1');
  await expect(help).toBeVisible();
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();

  // Typing a value into a field must not page images or zoom.
  const zoom = await page.getByTestId('zoom').textContent();
  const name = await page.getByTestId('info-name').textContent();
  await page.getByRole('spinbutton', { name: 'White point' }).fill('');
  await page.getByRole('spinbutton', { name: 'White point' }).pressSequentially('1f-0');
  await expect(page.getByTestId('zoom')).toHaveText(zoom!);
  await expect(page.getByTestId('info-name')).toHaveText(name!);
});
