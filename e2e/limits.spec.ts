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

/** A PNG signature and header claiming `width` x `height` pixels, without pixel data: refused from the header. */
function headerOnlyPng(name: string, width: number, height: number): TestFile {
  const bytes = Buffer.from(encode({ width: 1, height: 1, data: new Uint8Array(1), channels: 1, depth: 8 })).subarray(0, 33);
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return { name, bytes };
}

test('an image at the largest size shown whole (8192 x 8192, 16-bit: past the browser’s record limit, so stored in a Blob) imports and survives a reload with its 16-bit values; one over the 400-megapixel limit is refused by name, saying by how much', async ({ page }) => {
  test.setTimeout(180_000);
  await openEmptyProject(page);
  // 8192² is the most pixels an image shown whole may have (larger ones are tiled); its 128 MB of
  // 16-bit samples are over Chromium's ~127 MB record limit, so they go into a Blob.
  const atLimit = rampPng('at-limit.png', 8192, 8192, 1, 16);
  const over = headerOnlyPng('just-over.png', 20000, 20001);
  await dropFiles(page, [over, atLimit]);
  await expect(page.getByTestId('notice').filter({ hasText: 'just-over.png' })).toHaveText(
    /just-over\.png: PNG image is too large: 20000 x 20001 = 400020000 pixels, over the limit of 400 megapixels/,
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
