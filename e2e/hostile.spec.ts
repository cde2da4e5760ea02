import { expect, test, type Browser } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostileCorpus } from '../src/core/testing/hostileCorpus';
import { drawPolygon, placement, storedObjects, waitUntilSaved } from './annotation';
import { DATASET, dropFiles, imageRows, openEmptyProject, realFile, screenshot, waitForShownImage } from './helpers';

const IMAGE = 'MFGTMPcx7_170702000001_B14f07d0.png';

/** Resident memory of every process of this browser (from the browser's own process list), in MB. */
async function browserMemoryMB(browser: Browser): Promise<number> {
  const session = await browser.newBrowserCDPSession();
  const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ id: number }> };
  await session.detach();
  let kB = 0;
  for (const { id } of processInfo) {
    try {
      kB += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return Math.round(kB / 1024);
}

test('the hostile corpus dropped at once: every bad file named with its reason, the valid ones imported, nothing stored changed, memory bounded, the app still usable', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await openEmptyProject(page);
  await dropFiles(page, [realFile(join(DATASET, 'train', IMAGE))]);
  await waitForShownImage(page, IMAGE);
  await page.keyboard.press('n');
  await drawPolygon(page, await placement(page), [[100, 100], [160, 100], [160, 150], [100, 150]]);
  await waitUntilSaved(page);
  const before = await storedObjects(page);

  const corpus = hostileCorpus();
  const baseline = await browserMemoryMB(browser);
  let peak = baseline;
  const sampler = setInterval(() => void browserMemoryMB(browser).then((mb) => (peak = Math.max(peak, mb))), 250);
  await dropFiles(page, corpus.map((file) => ({ name: file.name, bytes: Buffer.from(file.bytes) })));
  await expect(page.getByRole('status', { name: 'Progress' })).toHaveCount(0, { timeout: 120_000 });
  await waitUntilSaved(page);
  clearInterval(sampler);
  console.log(`hostile corpus in the browser: peak memory ${peak} MB, ${peak - baseline} MB over the ${baseline} MB before`);
  expect(peak - baseline).toBeLessThan(1024);

  const imported = corpus.filter((file) => file.expect === 'imported' && file.kind === 'image').map((file) => file.name);
  await expect(imageRows(page)).toHaveCount(1 + imported.length);
  for (const name of imported) await expect(page.getByTestId('image-row').filter({ hasText: name.slice(-12) })).toHaveCount(1);
  await page.getByRole('button', { name: /^Notices/ }).click();
  const log = page.getByTestId('notice-log');
  await screenshot(page, 'hostile-corpus-log');
  for (const file of corpus.filter((candidate) => candidate.expect === 'refused')) {
    await expect(log.locator('li').filter({ hasText: `${file.name}: ` }), `${file.name} (${file.about}) is named in a notice`).not.toHaveCount(0);
  }
  // The image that was there keeps its objects; the one valid CVAT file put its two outlines on its image.
  const after = await storedObjects(page);
  const imageOf = (object: object) => (object as { imageId: string }).imageId;
  expect(after.filter((object) => imageOf(object) === imageOf(before[0]))).toEqual(before);
  expect(after.filter((object) => imageOf(object) !== imageOf(before[0]))).toHaveLength(2); // the triangle, and the huge one clipped to the image

  // Still usable: the picture posing as a mask comes in when the user insists.
  await page.getByRole('button', { name: /^Notices/ }).click();
  const soft = corpus.find((file) => file.name === 'host-soft_objects.png')!;
  await dropFiles(page, [{ name: soft.name, bytes: Buffer.from(soft.bytes) }]);
  await page.getByTestId('notice').filter({ hasText: soft.name }).getByRole('button', { name: 'Import anyway' }).click();
  await expect(page.getByTestId('image-row').filter({ hasText: 'host-soft.png' }).getByTestId('image-object-count')).toHaveText(/^\d{2} objects$/);
});
