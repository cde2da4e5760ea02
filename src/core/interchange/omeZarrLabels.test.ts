import { readFileSync } from 'node:fs';
import { gzipSync, unzipSync, unzlibSync, zipSync, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FileFormatError } from '../errors';
import { decodeMask } from '../mask/decodeMask';
import { importMask } from '../mask/importMask';
import { rasterizeShapes, type Shape } from '../mask/rasterize';
import { samePartition } from '../testing/rasters';
import { datasetMaskFiles, sharedDataDir } from '../testing/sharedData';
import { omeZarrLabels } from './omeZarrLabels';
import { exportFileName, importFormatOf, maskTargetBase } from './registry';

const encode = omeZarrLabels.encode!;
const decode = omeZarrLabels.decode!;
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const dir = sharedDataDir();
const masks = datasetMaskFiles();

describe.skipIf(!dir)('OME-Zarr labels on the 50 dataset masks', () => {
  it('round-trips every mask pixel-exact: _objects.png → objects → zarr → objects → pixels', () => {
    expect(masks).toHaveLength(50);
    let exact = 0;
    for (const file of masks) {
      const original = decodeMask(file, readFileSync(file));
      const { objects, width, height } = importMask(file, readFileSync(file));
      const image = { name: file, width, height, objects };
      const encoded = encode(image, {});
      expect(encoded.reports[0], file).toMatchObject({ objects: objects.length, overlapPixels: 0, emptyObjects: [] });
      const decoded = decode('x_labels.ome.zarr.zip', encoded.bytes, { width, height });
      expect(decoded.images[0].objects.map((object) => object.z)).toEqual(objects.map((_, i) => i + 1));
      const again = rasterizeShapes(decoded.images[0].objects, width, height).labels;
      // Objects keep their identity too: decoded object k is the k-th imported one.
      const before = rasterizeShapes(objects, width, height).labels;
      if (samePartition(original.labels, again) && Array.from(again).every((label, p) => label === before[p])) exact++;
    }
    expect(exact).toBe(50);
  });
});

describe('OME-Zarr labels', () => {
  const square = (x: number, y: number, size: number) => [x, y, x + size, y, x + size, y + size, x, y + size];
  const objects: Shape[] = [
    { rings: [square(600, 500, 30)], z: 2 }, // across four 512 x 512 chunks
    { rings: [square(1, 1, 4)], z: 1 },
  ];
  const image = { name: 'train/a.png', width: 700, height: 540, objects };

  it('writes the OME-NGFF 0.4 label layout, with pixel value n for object number n', () => {
    expect(exportFileName(omeZarrLabels, 'train/a.png')).toBe('a_labels.ome.zarr.zip');
    expect(maskTargetBase('a_labels.ome.zarr.zip')).toBe('a');
    expect(importFormatOf('B.OME.ZARR.ZIP')?.id).toBe('ome-zarr');
    const files = unzipSync(encode(image, {}).bytes);
    expect(Object.keys(files).sort()).toEqual(
      ['.zgroup', 'labels/.zattrs', 'labels/.zgroup', 'labels/nuclei/.zattrs', 'labels/nuclei/.zgroup', 'labels/nuclei/0/.zarray', 'labels/nuclei/0/0/0', 'labels/nuclei/0/0/1', 'labels/nuclei/0/1/0', 'labels/nuclei/0/1/1'].sort(),
    );
    expect(JSON.parse(text(files['labels/.zattrs']))).toEqual({ labels: ['nuclei'] });
    const attrs = JSON.parse(text(files['labels/nuclei/.zattrs']));
    expect(attrs['image-label']).toEqual({ version: '0.4' });
    expect(attrs.multiscales[0]).toMatchObject({ version: '0.4', axes: [{ name: 'y', type: 'space' }, { name: 'x', type: 'space' }], datasets: [{ path: '0', coordinateTransformations: [{ type: 'scale', scale: [1, 1] }] }] });
    expect(JSON.parse(text(files['labels/nuclei/0/.zarray']))).toMatchObject({ zarr_format: 2, shape: [540, 700], chunks: [512, 512], dtype: '<u2', compressor: { id: 'zlib' }, fill_value: 0, order: 'C', dimension_separator: '/' });
    // Chunk (0, 0) holds object number 1 (the lower z) at (1..4, 1..4); chunk (1, 1), padded, number 2.
    const chunk = (key: string) => new Uint16Array(unzlibSync(files[`labels/nuclei/0/${key}`]).slice().buffer);
    const first = chunk('0/0'), last = chunk('1/1');
    expect([first.length, last.length]).toEqual([512 * 512, 512 * 512]);
    expect([first[0], first[1 * 512 + 1], first[4 * 512 + 4], first[5 * 512 + 5]]).toEqual([0, 1, 1, 0]);
    expect([last[0 * 512 + (600 - 512)], last[17 * 512 + (629 - 512)], last[18 * 512 + 88]]).toEqual([2, 2, 0]);
    expect(encode(image, {}).bytes).toEqual(encode(image, {}).bytes); // deterministic
  });

  it('reads a hand-written minimal store: uint8, raw chunk, "." separator, group name from labels/.zattrs', () => {
    const pixels = Uint8Array.from([0, 7, 7, 0, 0, 7, 0, 3, 0, 0, 0, 3]); // 3 rows of 4
    const store = zipSync({
      'labels/.zattrs': json({ labels: ['cells', 'other'] }),
      'labels/cells/.zattrs': json({ multiscales: [{ version: '0.4', axes: [{ name: 'y' }, { name: 'x' }], datasets: [{ path: 'full' }] }], 'image-label': {} }),
      'labels/cells/full/.zarray': json({ zarr_format: 2, shape: [3, 4], chunks: [3, 4], dtype: '|u1', compressor: null, fill_value: 0, order: 'C', filters: null }),
      'labels/cells/full/0.0': pixels,
    });
    const decoded = decode('mini.zarr.zip', store);
    expect(decoded.images).toHaveLength(1);
    const { width, height, objects } = decoded.images[0];
    expect([width, height]).toEqual([4, 3]);
    expect(objects.map((object) => object.z)).toEqual([3, 7]); // ordered by label value
    const labels = rasterizeShapes(objects, width, height).labels;
    expect(Array.from(labels)).toEqual(Array.from(pixels, (v) => (v === 3 ? 1 : v === 7 ? 2 : 0)));
  });

  it('reads gzip and int32 chunks, F order, leading size-1 axes, a missing chunk and a store inside a folder', () => {
    // A 1 x 2 x 3 (c, y, x) array in chunks of 1 x 2 x 2: chunk (0,0,0) gzip'd, (0,0,1) absent = fill 5.
    const chunk = new Int32Array([9, 0, 9, 9]); // F order: (y0,x0), (y1,x0), (y0,x1), (y1,x1)
    const store = zipSync({
      'cells.ome.zarr/labels/.zattrs': json({ labels: ['n'] }),
      'cells.ome.zarr/labels/n/.zattrs': json({ multiscales: [{ datasets: [{ path: '0' }] }] }),
      'cells.ome.zarr/labels/n/0/.zarray': json({ zarr_format: 2, shape: [1, 2, 3], chunks: [1, 2, 2], dtype: '<i4', compressor: { id: 'gzip', level: 1 }, fill_value: 5, order: 'F', filters: null, dimension_separator: '/' }),
      'cells.ome.zarr/labels/n/0/0/0/0': gzipSync(new Uint8Array(chunk.buffer)),
    });
    const { width, height, objects } = decode('f.ome.zarr.zip', store).images[0];
    expect([width, height]).toEqual([3, 2]);
    expect(Array.from(rasterizeShapes(objects, width, height).labels)).toEqual([2, 2, 1, 0, 2, 1]); // objects by value: 5 → 1, 9 → 2
  });

  describe('refuses hostile stores, naming the file', () => {
    const zarray = (overrides: object) => json({ zarr_format: 2, shape: [4, 4], chunks: [4, 4], dtype: '<u2', compressor: null, fill_value: 0, order: 'C', filters: null, ...overrides });
    const storeWith = (array: Uint8Array | null, chunks: Record<string, Uint8Array> = {}) =>
      zipSync({
        'labels/.zattrs': json({ labels: ['nuclei'] }),
        'labels/nuclei/.zattrs': json({ multiscales: [{ datasets: [{ path: '0' }] }] }),
        ...(array ? { 'labels/nuclei/0/.zarray': array } : {}),
        ...chunks,
      });
    const refused = (bytes: Uint8Array, reason: RegExp, expected?: { width: number; height: number }) => {
      let error: unknown;
      try {
        decode('bad_labels.ome.zarr.zip', bytes, expected);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(FileFormatError);
      expect((error as FileFormatError).fileName).toBe('bad_labels.ome.zarr.zip');
      expect((error as Error).message).toMatch(reason);
    };

    it('missing pieces and wrong shapes', () => {
      refused(storeWith(null), /labels\/nuclei\/0\/\.zarray is missing/);
      refused(zipSync({ 'a.txt': json({}) }), /no labels\/\.zattrs/);
      refused(new Uint8Array([1, 2, 3]), /not a readable ZIP/);
      refused(storeWith(zarray({})), /4 x 4 pixels but its image is 8 x 4/, { width: 8, height: 4 });
      refused(storeWith(zarray({ shape: [2, 4, 4], chunks: [1, 4, 4] })), /not one 2-D image/);
      refused(storeWith(zarray({ shape: [100000, 100000] })), /too large/);
      refused(storeWith(zarray({ shape: [4, -4] })), /not a list of at least two positive integers/);
    });

    it('unsupported types and compressors', () => {
      refused(storeWith(zarray({ compressor: { id: 'blosc', cname: 'lz4', clevel: 5, shuffle: 1 } })), /compressor "blosc" is not supported/);
      refused(storeWith(zarray({ dtype: '<f4' })), /dtype "<f4" is not a label type/);
      refused(storeWith(zarray({ dtype: '<i4' }), { 'labels/nuclei/0/0.0': new Uint8Array(new Int32Array(16).fill(-1).buffer) }), /negative label -1/);
      refused(storeWith(zarray({ filters: [{ id: 'delta' }] })), /filters/);
    });

    it('chunks of the wrong size, compressed or not', () => {
      const zlibChunk = (bytes: number) => ({ 'labels/nuclei/0/0.0': zlibSync(new Uint8Array(bytes)) });
      // Zeros compress ~1000:1: past the stored size a 32-byte chunk can have, refused before inflating ...
      refused(storeWith(zarray({ compressor: { id: 'zlib' } }), zlibChunk(10 * 2 ** 20)), /0\/0\.0 is \d+ bytes uncompressed, more than the \d+ allowed/);
      // ... and within it, stopped one byte past the 32 bytes.
      refused(storeWith(zarray({ compressor: { id: 'zlib' } }), zlibChunk(1000)), /zlib chunk labels\/nuclei\/0\/0\.0: .*inflates to more than the 32 bytes/);
      refused(storeWith(zarray({ compressor: { id: 'gzip' } }), { 'labels/nuclei/0/0.0': gzipSync(new Uint8Array(1000)) }), /inflates to more than the 32 bytes/);
      refused(storeWith(zarray({}), { 'labels/nuclei/0/0.0': new Uint8Array(31) }), /chunk has 31 bytes, not 32/);
      refused(storeWith(zarray({}), { 'labels/nuclei/0/0.0': new Uint8Array(40) }), /40 bytes uncompressed, more than the 32 allowed/);
    });
  });
});
