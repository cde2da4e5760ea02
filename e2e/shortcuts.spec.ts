import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { screenshot } from './helpers';

const README = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');

test('every action button is titled with its action and keys, as the README lists them', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('image-row')).toHaveCount(3);
  const buttons = page.locator('button[data-action]');
  expect(await buttons.count()).toBeGreaterThanOrEqual(15);
  for (const button of await buttons.all()) {
    const title = (await button.getAttribute('title'))!;
    const [, label, keys] = title.match(/^(.*) \(([^()]*)\)$/) ?? [title, title, ''];
    const row = keys ? `| ${keys.split(', ').map((key) => `\`${key}\``).join(' or ')} | ${label} |` : `| **${(await button.textContent())!.trim()}** | ${label} |`;
    expect(README, title).toContain(row);
  }
});

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

test('Enter in a text field commits it and gives the keys back to the image; Esc leaves the field', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('image-row')).toHaveCount(3);
  const name = page.getByRole('textbox', { name: 'Your name' });
  await name.fill('Ann');
  await page.keyboard.press('Enter');
  await expect(name).not.toBeFocused();
  await page.keyboard.press('o');
  await expect(page.getByRole('checkbox', { name: 'Object numbers (O)' })).toBeChecked();
  await expect(name).toHaveValue('Ann');
  const white = page.getByRole('spinbutton', { name: 'White point' });
  await white.click();
  await page.keyboard.press('Escape');
  await expect(white).not.toBeFocused();
  await page.keyboard.press('o');
  await expect(page.getByRole('checkbox', { name: 'Object numbers (O)' })).not.toBeChecked();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Your name' })).toHaveValue('Ann');
});
