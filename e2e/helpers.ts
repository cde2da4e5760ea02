import { expect, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';

/** ../shared/data beside the project; the browser tests need it and fail (never skip) without it. */
export const SHARED_DATA = resolve(import.meta.dirname, '../../shared/data');
if (!existsSync(SHARED_DATA)) throw new Error(`Browser tests need the shared data folder at ${SHARED_DATA}`);

export const DATASET = resolve(SHARED_DATA, 'aitslab-bioimaging1');
export const NORMALIZATION = resolve(SHARED_DATA, 'normalization');

export interface TestFile {
  name: string;
  bytes: Buffer;
}

export function realFile(path: string): TestFile {
  return { name: basename(path), bytes: readFileSync(path) };
}

/** Drops files onto the app the way the browser delivers a drag from the file manager. */
export async function dropFiles(page: Page, files: TestFile[]): Promise<void> {
  const payload = files.map((file) => ({ name: file.name, base64: file.bytes.toString('base64') }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], item.name));
    }
    return transfer;
  }, payload);
  const target = page.locator('.drop-target');
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

export const imageRows = (page: Page) => page.getByTestId('image-row');
/** The number of images the list heading gives: the list draws only the rows in view, so count rows only in small projects. */
export const imageCount = (page: Page) => page.locator('.image-list-head .count');

/** Opens the app with an empty project: the first start seeds the demo, which the user removes. */
export async function openEmptyProject(page: Page): Promise<void> {
  await page.goto('/');
  await expect(imageRows(page)).toHaveCount(3);
  await page.getByRole('button', { name: 'Remove demo images' }).click();
  await expect(imageRows(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Outline nuclei, export exact masks' })).toBeVisible();
}

/** Waits until the viewer shows the image with this name (pixels rendered). */
export async function waitForShownImage(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('info-name')).toHaveText(name);
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-shown-image', name);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `screenshots/${name}.png` });
}
