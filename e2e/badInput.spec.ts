import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { DATASET, dropFiles, imageRows, NORMALIZATION, openEmptyProject, realFile, waitForShownImage } from './helpers';

/** A valid PNG signature and IHDR claiming 30000 x 30000 pixels, without any pixel data. */
function hugePngHeader(): Buffer {
  const bytes = readFileSync(join(NORMALIZATION, 'small_gamma_48x64.input.png')).subarray(0, 33);
  const patched = Buffer.from(bytes);
  patched.writeUInt32BE(30000, 16);
  patched.writeUInt32BE(30000, 20);
  return patched;
}

/** A .C01 whose inflated data is shorter than its header says. */
function shortC01(): Buffer {
  const header = Buffer.alloc(52);
  header.writeInt32LE(52, 0);
  header.writeInt32LE(100, 4);
  header.writeInt32LE(100, 8);
  header.writeInt16LE(1, 12);
  header.writeInt16LE(16, 14);
  return Buffer.concat([Buffer.alloc(4), deflateSync(Buffer.concat([header, Buffer.alloc(500)]))]);
}

test('bad files are refused by name and reason; stored images stay; the app stays usable', async ({ page }) => {
  await openEmptyProject(page);
  const good = 'MFGTMPcx7_170702000001_B14f07d0.png';
  await dropFiles(page, [realFile(join(DATASET, 'train', good))]);
  await waitForShownImage(page, good);

  await dropFiles(page, [
    { name: 'empty.png', bytes: Buffer.alloc(0) },
    { name: 'huge.png', bytes: hugePngHeader() },
    { name: 'short.C01', bytes: shortC01() },
    { name: 'notes.docx', bytes: Buffer.from('PK\u0003\u0004 not an image') },
  ]);
  const alerts = page.getByRole('alert');
  await expect(alerts).toHaveCount(4);
  await expect(alerts.filter({ hasText: 'empty.png' })).toContainText('empty');
  await expect(alerts.filter({ hasText: 'huge.png' })).toContainText('over the limit of 400 megapixels');
  await expect(alerts.filter({ hasText: 'short.C01' })).toContainText('expected 20052 bytes');
  await expect(alerts.filter({ hasText: 'notes.docx' })).toContainText('not a supported image');

  await expect(imageRows(page)).toHaveCount(1);
  await page.reload();
  await expect(imageRows(page)).toHaveCount(1);
  await waitForShownImage(page, good);
  const zoom = page.getByTestId('zoom');
  const zoomBefore = (await zoom.textContent())!;
  await page.keyboard.press('+');
  await expect(zoom).not.toHaveText(zoomBefore);
});
