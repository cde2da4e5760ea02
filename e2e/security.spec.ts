import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { drawPolygon, placement, waitUntilSaved } from './annotation';
import { CSP_HEADER, CSP_META } from '../scripts/securityHeaders';
import { DATASET, dropFiles, imageRows, realFile, waitForShownImage } from './helpers';
import { exportFile } from './masks';
import { watchSecurity } from './securityWatch';

const DEV = join(DATASET, 'dev');
const IMAGE = readdirSync(DEV).find((name) => name.endsWith('.png') && !name.endsWith('_objects.png'))!;

test('the main flows run under the Content-Security-Policy, without one violation, and talk to no other origin', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  const problems = await watchSecurity(page, origin);

  // The policy arrives twice: as a header (with frame-ancestors) and in the page's meta tag.
  const response = await page.goto('/');
  expect(response!.headers()['content-security-policy']).toBe(CSP_HEADER);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CSP_META);
  await expect(imageRows(page)).toHaveCount(3); // the demo project
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  await dropFiles(page, [realFile(join(DEV, IMAGE))]);
  await page.locator(`[data-testid="image-row"][data-name="${IMAGE}"]`).click();
  await waitForShownImage(page, IMAGE);
  await page.keyboard.press('n');
  await drawPolygon(page, await placement(page), [[200, 200], [320, 210], [300, 330], [210, 310]]);
  await expect(page.getByTestId('object-count')).toHaveText('1');

  // The model in its worker: onnxruntime's module from ort/, WebAssembly, WASM threads.
  await page.keyboard.press('Shift+D');
  await expect(page.getByTestId('proposal-count')).not.toHaveText('0', { timeout: 90_000 });

  await waitUntilSaved(page);
  const zip = await exportFile(page, /_objects\.png/, 'Export project (ZIP)');
  expect(Object.keys(unzipSync(new Uint8Array(zip.bytes)))).toContain(`all/${IMAGE.replace('.png', '_objects.png')}`);
  await page.getByTestId('export-dialog').getByRole('button', { name: 'Close' }).click();

  await page.reload();
  await page.locator(`[data-testid="image-row"][data-name="${IMAGE}"]`).click();
  await waitForShownImage(page, IMAGE);
  await expect(page.getByTestId('object-count')).toHaveText('1');
  expect(problems).toEqual([]);

  // The watch itself works: an inline script is refused and reported, by both policies (header and meta tag).
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('script'), { textContent: 'window.ran = true' })));
  await expect.poll(() => problems.filter((problem) => problem.startsWith('CSP violation: script-src-elem blocked inline')).length).toBe(2);
  await expect.poll(() => problems.filter((problem) => problem.startsWith('console: Executing inline script violates')).length).toBe(2);
  expect(await page.evaluate(() => 'ran' in window)).toBe(false);
});
