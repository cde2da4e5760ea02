import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePng } from '../src/core/formats/png';
import { decodeMask } from '../src/core/mask/decodeMask';
import { runCli, nodeIo } from '../src/cli/main';
import type { Evaluation } from '../src/cli/evaluate';
import { DATASET, dropFiles, openEmptyProject, realFile, screenshot, waitForShownImage } from './helpers';

const IMAGE = 'MFGTMPcx7_170702000001_G14f03d0.png';

/** The bytes of the file a click downloads. */
async function download(page: Page, click: () => Promise<unknown>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFileSync((await file.path())!);
}
const MASK = IMAGE.replace('.png', '_objects.png');

/** The ground truth with objects 1 to 3 left out and object 4 moved 6 px right: a second annotator's mask. */
function candidateMask(): Buffer {
  const truth = decodeMask(MASK, new Uint8Array(readFileSync(join(DATASET, 'test', MASK))));
  const { width, height, labels } = truth;
  const data = new Uint8Array(width * height * 3);
  labels.forEach((k, p) => {
    if (k <= 3) return;
    const at = k === 4 ? (p % width) + 6 < width ? p + 6 : -1 : p;
    if (at >= 0) data.set([40 + (k >> 8), k & 0xff, 200], at * 3);
  });
  return Buffer.from(encodePng({ width, height, channels: 3, bitDepth: 8, data }));
}

test('a second annotation as a comparison layer and on the comparison page: matched, missed and extra objects, the F1 the CLI gives for the same files, errors stepped through, the table and plots downloaded', async ({ page }) => {
  const candidate = candidateMask();
  const dir = mkdtempSync(join(tmpdir(), 'compare-'));
  try {
    await openEmptyProject(page);
    await dropFiles(page, [realFile(join(DATASET, 'test', IMAGE)), realFile(join(DATASET, 'test', MASK))]);
    await waitForShownImage(page, IMAGE);
    const truthObjects = decodeMask(MASK, new Uint8Array(readFileSync(join(DATASET, 'test', MASK)))).values.length;
    await expect(page.getByTestId('object-count')).toHaveText(String(truthObjects));

    await dropFiles(page, [{ name: MASK, bytes: candidate }]);
    await page.getByTestId('import-choice').getByRole('button', { name: /Show as a reference layer/ }).click();
    await page.getByTestId('reference-layer').getByRole('button', { name: 'Compare' }).click();
    const figures = page.getByTestId('comparison');
    await expect(figures).toContainText('missed 3');

    // The CLI on the same two masks.
    mkdirSync(join(dir, 'reference')), mkdirSync(join(dir, 'candidate'));
    writeFileSync(join(dir, 'reference', MASK), readFileSync(join(DATASET, 'test', MASK)));
    writeFileSync(join(dir, 'candidate', MASK), candidate);
    const out: string[] = [];
    expect(await runCli(['evaluate', join(dir, 'reference'), join(dir, 'candidate'), '--json'], { ...nodeIo, stdout: (line) => out.push(line) })).toBe(0);
    const cli: Evaluation = JSON.parse(out[0]);
    await expect(page.getByTestId('comparison-f1')).toHaveText(cli.thresholds[0].f1.toFixed(3));
    await expect(figures).toContainText(`missed ${cli.thresholds[0].fn}`);
    await expect(figures).toContainText(`extra ${cli.thresholds[0].fp}`);

    // A stricter threshold, then the errors one by one.
    await page.getByLabel('IoU threshold').selectOption('0.9');
    await expect(page.getByTestId('comparison-f1')).toHaveText(cli.thresholds[8].f1.toFixed(3));
    const viewBefore = await page.getByTestId('viewer').getAttribute('data-view');
    await page.keyboard.press('w');
    await expect(page.getByTestId('viewer')).not.toHaveAttribute('data-view', viewBefore!);
    await screenshot(page, 'comparison-layer');

    // The project's comparison page: the same pooled F1, the table as CSV, the plots as SVG and PNG.
    await page.getByRole('button', { name: 'Dashboard' }).click();
    await page.getByTestId('dashboard').getByRole('button', { name: 'Compare…' }).click();
    const comparisonPage = page.getByTestId('comparison-page');
    await comparisonPage.getByLabel('Candidate').selectOption(`reference layer ${MASK}`);
    await expect(comparisonPage.getByTestId('pooled-f1')).toHaveText(cli.thresholds[0].f1.toFixed(3));
    await expect(comparisonPage.getByTestId('plot-f1-by-iou').locator('svg polyline')).not.toHaveCount(0);
    await screenshot(page, 'comparison-page');
    const csv = await download(page, () => comparisonPage.getByRole('button', { name: 'Download the table (CSV)' }).click());
    const lines = csv.toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('image,iou,tp,fp,fn,precision,recall,f1,accuracy');
    expect(lines).toHaveLength(1 + 2 * 10); // the image and the pool, 10 thresholds each
    expect(lines.at(-10)!.split(',').slice(0, 5)).toEqual(['all images', '0.5', ...[cli.thresholds[0].tp, cli.thresholds[0].fp, cli.thresholds[0].fn].map(String)]);
    const figure = comparisonPage.locator('figure').first();
    const svg = await download(page, () => figure.getByRole('button', { name: 'SVG' }).click());
    expect(svg.toString('utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*F1 against the IoU threshold.*<\/svg>$/s);
    const png = await download(page, () => figure.getByRole('button', { name: 'PNG' }).click());
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
