import { expect, test } from '@playwright/test';
import { encode } from 'fast-png';
import { placement, screenPoint } from './annotation';
import { dropFiles, imageRows, openEmptyProject, waitForShownImage, type TestFile } from './helpers';

/** A PNG whose row y holds the value y * 7 (16-bit: kept exactly), compressed to a few hundred KB. */
function rampPng(name: string, width: number, height: number, channels: 1 | 4, depth: 8 | 16): TestFile {
  const data = depth === 16 ? new Uint16Array(width * height * channels) : new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) data.fill((y * 7) % 2 ** depth, y * width * channels, (y + 1) * width * channels);
  return { name, bytes: Buffer.from(encode({ width, height, data, channels, depth }, { zlib: { level: 1 } })) };
}

test('an image at the memory limit imports, is stored (in a Blob, past the browser’s record limit) and survives a reload; one just over it is refused by name, saying by how much', async ({ page }) => {
  test.setTimeout(180_000);
  await openEmptyProject(page);
  const atLimit = rampPng('at-limit.png', 11585, 11585, 1, 16); // 268.4 MB of 16-bit samples, the limit is 268.4 MB
  const over = rampPng('just-over.png', 8192, 8193, 4, 8);
  await dropFiles(page, [over, atLimit]);
  await expect(page.getByTestId('notice').filter({ hasText: 'just-over.png' })).toHaveText(
    /just-over\.png: PNG image is too large: 8192 x 8193 pixels with 4 channels of 8 bits need 256 MB, 32 KB over the limit of 256 MB/,
  );
  await waitForShownImage(page, 'at-limit.png');
  await expect(imageRows(page)).toHaveCount(1);

  await page.reload();
  await waitForShownImage(page, 'at-limit.png');
  // The 16-bit value under the cursor comes from the stored original samples: row 300 holds 2100.
  const p = await placement(page);
  const point = screenPoint(p, 40.5, 300.5);
  await page.mouse.move(point.sx, point.sy);
  const row = Math.floor(point.y);
  await expect(page.getByTestId('cursor-value')).toHaveText(new RegExp(`^value ${(row * 7) % 65536} \\(8-bit \\d+\\)$`));
});
