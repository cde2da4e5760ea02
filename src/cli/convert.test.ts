import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeMask } from '../core/mask/decodeMask';
import { samePartition } from '../core/testing/rasters';
import { sharedDataDir } from '../core/testing/sharedData';
import { runCli } from './main';
import { capture } from './capturedIo';

const data = sharedDataDir();
const temp = mkdtempSync(join(tmpdir(), 'nuclei-convert-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));


describe.skipIf(!data)('cli convert', () => {
  it('takes a real mask through ImageJ ROIs, COCO JSON, QuPath GeoJSON and OME-Zarr back to _objects.png with the same pixels', async () => {
    const mask = join(data!, 'aitslab-bioimaging1', 'test', 'MFGTMPcx7_170702000001_G14f03d0_objects.png');
    const original = decodeMask(mask, new Uint8Array(readFileSync(mask)));
    const run = async (args: string[]) => {
      const io = capture();
      expect(await runCli(['convert', ...args], io), io.err.join('\n')).toBe(0);
      return JSON.parse(io.out[0]) as { images: number; objects: number; written: string[] };
    };
    const base = 'MFGTMPcx7_170702000001_G14f03d0';
    const rois = await run([mask, '--to', 'imagej-roi', '--out', join(temp, 'rois')]);
    expect(rois.written).toEqual([join(temp, 'rois', `${base}_rois.zip`)]);
    const coco = await run([rois.written[0], '--size', `${original.width}x${original.height}`, '--to', 'coco', '--out', join(temp, 'all.json')]);
    const geojson = await run([coco.written[0], '--to', 'qupath', '--out', join(temp, 'geojson')]);
    // GeoJSON holds no image size either.
    const zarr = await run([geojson.written[0], '--size', `${original.width}x${original.height}`, '--to', 'ome-zarr', '--out', join(temp, 'zarr')]);
    const back = await run([zarr.written[0], '--to', 'objects', '--out', join(temp, 'back')]);
    for (const step of [rois, coco, geojson, zarr, back]) expect(step.objects).toBe(original.values.length);
    const again = decodeMask('back', new Uint8Array(readFileSync(back.written[0])));
    expect([again.width, again.height]).toEqual([original.width, original.height]);
    expect(samePartition(original.labels, again.labels)).toBe(true);
  });

  it('refuses what no format reads, and a missing --to', async () => {
    const io = capture();
    expect(await runCli(['convert', join(temp, 'notes.txt'), '--to', 'coco', '--out', join(temp, 'x.json')], io)).toBe(1);
    expect(io.err[0]).toMatch(/notes\.txt: not an annotation file/);
    expect(await runCli(['convert', 'a_objects.png', '--out', 'x'], capture())).toBe(2);
  });
});
