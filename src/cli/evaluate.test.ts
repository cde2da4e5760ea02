import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodePng } from '../core/formats/png';
import { decodeMask } from '../core/mask/decodeMask';
import { sharedDataDir } from '../core/testing/sharedData';
import { runCli } from './main';
import type { Evaluation } from './evaluate';
import { capture } from './capturedIo';

const data = sharedDataDir();
const testDir = data && join(data, 'aitslab-bioimaging1', 'test');
const temp = mkdtempSync(join(tmpdir(), 'nuclei-evaluate-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));


describe.skipIf(!testDir)('cli evaluate', () => {
  const masks = testDir ? readdirSync(testDir).filter((name) => name.endsWith('_objects.png')).sort().slice(0, 3) : [];
  const objectsIn = (name: string) => decodeMask(name, new Uint8Array(readFileSync(join(testDir!, name)))).values.length;

  it('pairs images by name, counts an image on one side only as all missed, and agrees with itself through CVAT XML', async () => {
    const reference = join(temp, 'reference'), candidate = join(temp, 'candidate');
    mkdirSync(reference), mkdirSync(candidate);
    for (const name of masks) copyFileSync(join(testDir!, name), join(reference, name));
    // The candidate: the first mask as is, the second with its objects 1 and 2 dropped, the third missing.
    copyFileSync(join(testDir!, masks[0]), join(candidate, masks[0]));
    const second = decodeMask(masks[1], new Uint8Array(readFileSync(join(testDir!, masks[1]))));
    const dropped = new Uint8Array(second.width * second.height * 3);
    second.labels.forEach((k, p) => k > 2 && dropped.set([k >> 8, k & 0xff, 77], p * 3));
    writeFileSync(join(candidate, masks[1]), encodePng({ width: second.width, height: second.height, channels: 3, bitDepth: 8, data: dropped }));

    const io = capture();
    expect(await runCli(['evaluate', reference, candidate, '--json'], io)).toBe(0);
    const result: Evaluation = JSON.parse(io.out[0]);
    const [n0, n1, n2] = masks.map(objectsIn);
    expect(result.referenceOnly).toEqual([masks[2].replace('_objects.png', '')]);
    expect(result.candidateOnly).toEqual([]);
    expect(result.thresholds).toHaveLength(10);
    expect(result.thresholds[0]).toMatchObject({ iou: 0.5, tp: n0 + n1 - 2, fp: 0, fn: 2 + n2 });
    expect(result.thresholds[0].f1).toBeCloseTo((2 * (n0 + n1 - 2)) / (2 * (n0 + n1 - 2) + 2 + n2), 12);
    expect(result.images.map((image) => [image.name, image.thresholds[9].tp])).toEqual([
      [masks[0].replace('_objects.png', ''), n0],
      [masks[1].replace('_objects.png', ''), n1 - 2],
      [masks[2].replace('_objects.png', ''), 0],
    ]);
    expect(result.meanMatchedIoU).toBe(1);
    expect(Object.keys(result.small)).toEqual(['thresholds', 'meanMatchedIoU', 'meanF1', 'meanAccuracy']);

    // The reference outlined as CVAT XML (exact outlines) scores perfectly against its masks.
    const xml = join(temp, 'reference.xml');
    expect(await runCli(['vectorize', ...masks.map((name) => join(reference, name)), '--out', xml], capture())).toBe(0);
    const viaXml = capture();
    expect(await runCli(['evaluate', reference, xml, '--json'], viaXml)).toBe(0);
    const perfect: Evaluation = JSON.parse(viaXml.out[0]);
    expect([perfect.meanF1, perfect.meanAccuracy, perfect.referenceOnly, perfect.candidateOnly]).toEqual([1, 1, [], []]);
  });

  it('prints a readable table without --json, and refuses what is neither a folder nor CVAT XML', async () => {
    const io = capture();
    expect(await runCli(['evaluate', join(temp, 'reference'), join(temp, 'reference')], io)).toBe(0);
    expect(io.out[0]).toBe('IoU   TP     FP     FN     precision recall F1    accuracy');
    expect(io.out[1]).toMatch(/^0\.50 \d+\s+0\s+0\s+1\.000\s+1\.000\s+1\.000 1\.000$/);
    const bad = capture();
    expect(await runCli(['evaluate', join(temp, 'reference'), join(temp, 'nothing.txt')], bad)).toBe(1);
    expect(bad.err[0]).toMatch(/nothing\.txt: /);
    expect(await runCli(['evaluate', join(temp, 'reference')], capture())).toBe(2);
  });
});
