// The project ZIP of all 50 dataset masks made in the browser (worker reading from IndexedDB,
// streaming the archive), from the click to the finished download. Reference, same run: the
// same archive made by the same core code in Node from objects already in memory.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { imageFormatById } from '../src/core/interchange/registry';
import { writeDatasetZip, type DatasetImage } from '../src/core/mask/datasetZip';
import { importMask } from '../src/core/mask/importMask';
import { withApp } from './browser';
import { median, round, timeRuns, type Measurement } from './stats';

const DATASET = resolve(import.meta.dirname, '../../shared/data/aitslab-bioimaging1');
const RUNS = 5;

/** The 50 masks as objects in memory, the way the app holds them after import. */
function datasetImages(): DatasetImage[] {
  return ['train', 'dev', 'test'].flatMap((split) =>
    readdirSync(join(DATASET, split))
      .filter((name) => name.endsWith('_objects.png'))
      .map((maskName) => {
        const mask = importMask(maskName, new Uint8Array(readFileSync(join(DATASET, split, maskName))));
        return { name: maskName.replace('_objects.png', '.png'), split, width: mask.width, height: mask.height, objects: mask.objects };
      }),
  );
}

export async function benchZip(): Promise<Measurement[]> {
  const images = datasetImages();
  const inNode = await timeRuns(() => writeDatasetZip(images, () => {}, { format: imageFormatById('objects'), formatOptions: { colors: 'voc' } }), RUNS, 1);
  const inBrowser = await withApp(async (page) => {
    await page.locator('header [data-testid="folder-input"]').setInputFiles(DATASET);
    await page.getByTestId('image-row').nth(49).waitFor({ timeout: 120_000 });
    // Masks come in after the images: wait until every image has its objects.
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="image-object-count"]')].every((e) => e.textContent !== '0 objects'), null, { timeout: 120_000 });
    await page.getByTestId('save-state').filter({ hasText: 'All changes saved' }).waitFor();
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('radio', { name: /Pascal VOC/ }).check();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = Date.now();
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export project (ZIP)' }).click();
      await (await download).path();
      times.push(Date.now() - start);
    }
    return times;
  });
  const value = round(median(inBrowser));
  return [
    {
      name: 'project ZIP of the 50 dataset masks in the browser (click to downloaded)',
      unit: 'ms',
      median: value,
      runs: inBrowser.map(round),
      reference: { name: 'same archive by the same core code in Node, objects in memory', median: round(median(inNode)), runs: inNode.map(round) },
      target: '< 3000 ms',
      meetsTarget: value < 3000,
    },
  ];
}
