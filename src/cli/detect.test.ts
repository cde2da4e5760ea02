import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodePng } from '../core/formats/png';
import { decodeMask } from '../core/mask/decodeMask';
import { discLabels } from '../core/testing/discs';
import { sharedDataDir } from '../core/testing/sharedData';
import { runCli } from './main';
import { capture } from './capturedIo';

const dir = sharedDataDir();
const temp = mkdtempSync(join(tmpdir(), 'nuclei-detect-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));


/** A 96 x 64 grey PNG with five bright discs (two touching). */
function generatedImage(): string {
  const labels = discLabels(96, 64, [[20, 20, 9], [37, 20, 9], [70, 40, 12], [15, 50, 5], [88, 8, 3]]);
  const file = join(temp, 'discs.png');
  writeFileSync(file, encodePng({ width: 96, height: 64, channels: 1, bitDepth: 8, data: Uint8Array.from(labels, (k) => (k ? 170 : 15)) }));
  return file;
}

describe('cli detect', () => {
  it('writes <name>_objects.png per image and one JSON line each (classical)', async () => {
    const io = capture();
    const file = generatedImage();
    const out = join(temp, 'classical');
    expect(await runCli(['detect', file, '--out', out, '--method', 'classical'], io)).toBe(0);
    expect(io.err).toEqual([]);
    const line = JSON.parse(io.out[0]);
    expect(line).toMatchObject({ file, objects: 5 });
    expect(typeof line.ms).toBe('number');
    const mask = decodeMask('discs_objects.png', new Uint8Array(readFileSync(join(out, 'discs_objects.png'))));
    expect(mask.values).toHaveLength(5);
  });

  it('rejects missing images, a missing --out and an unknown method (exit 2); goes on past a bad file (exit 1)', async () => {
    expect(await runCli(['detect', '--out', temp], capture())).toBe(2);
    expect(await runCli(['detect', generatedImage()], capture())).toBe(2);
    expect(await runCli(['detect', generatedImage(), '--out', temp, '--method', 'magic'], capture())).toBe(2);
    const bad = join(temp, 'bad.png');
    writeFileSync(bad, 'not an image');
    const io = capture();
    expect(await runCli(['detect', bad, generatedImage(), '--out', join(temp, 'mixed'), '--method', 'classical'], io)).toBe(1);
    expect(io.err).toHaveLength(1);
    expect(io.err[0]).toContain(bad);
    expect(io.out).toHaveLength(1);
  });

  it.skipIf(!dir)('finds about as many objects as annotated on a dev image with the shipped model', async () => {
    const file = join(dir!, 'aitslab-bioimaging1', 'dev', 'MFGTMPcx7_170702090001_A08f09d0.png');
    const io = capture();
    const out = join(temp, 'model');
    expect(await runCli(['detect', file, '--out', out], io)).toBe(0);
    const { objects } = JSON.parse(io.out[0]);
    expect(objects).toBeGreaterThanOrEqual(39); // 43 annotated
    expect(objects).toBeLessThanOrEqual(47);
    expect(decodeMask('x_objects.png', new Uint8Array(readFileSync(join(out, 'MFGTMPcx7_170702090001_A08f09d0_objects.png')))).values).toHaveLength(objects);
  });
});
