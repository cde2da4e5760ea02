import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileFormatError } from './errors';
import { encodeC01 } from './formats/c01';
import { decodePng, encodePng } from './formats/png';
import { prepareImage, prepareRaster, THUMBNAIL_SIDE, type PreparedImage } from './intake';
import type { Raster16 } from './raster';
import { rasterDifference } from './testing/rasters';
import { sharedDataDir } from './testing/sharedData';

const dir = sharedDataDir();

/** The worker transfers these buffers together; a duplicate would make postMessage throw. */
function expectOwnBuffers(image: PreparedImage): void {
  const rasters = [image.display, image.thumbnail, image.original].filter((r) => r !== null);
  const buffers = rasters.map((r) => r.data.buffer);
  expect(new Set(buffers).size).toBe(buffers.length);
  for (const r of rasters) {
    expect(r.data.byteOffset).toBe(0);
    expect(r.data.byteLength).toBe(r.data.buffer.byteLength);
  }
}

describe('prepareRaster / prepareImage on generated data', () => {
  const ramp: Raster16 = { width: 200, height: 100, channels: 1, bitDepth: 16, data: new Uint16Array(20000).map((_, i) => 1000 + (i % 200) * 10) };

  it('normalizes a 16-bit image and keeps the original', () => {
    const image = prepareRaster('demo-1', ramp, 'generated');
    expect(image).toMatchObject({ name: 'demo-1', format: 'generated', width: 200, height: 100, channels: 1, sourceBitDepth: 16, cellomics: null });
    expect(image.original).toBe(ramp);
    expect(image.normalization!.low).toBeCloseTo(1000, 0);
    expect(image.normalization!.high).toBeCloseTo(2990, 0);
    expect(image.display).toMatchObject({ width: 200, height: 100, channels: 1, bitDepth: 8 });
    expect(image.display.data[0]).toBe(0);
    expect(image.display.data[199]).toBe(255);
    expect(image.thumbnail).toMatchObject({ width: THUMBNAIL_SIDE, height: 48, channels: 1, bitDepth: 8 });
    expectOwnBuffers(image);
  });

  it('keeps an 8-bit image as the display and parses a Cellomics name', () => {
    const gray = { width: 10, height: 20, channels: 1, bitDepth: 8, data: new Uint8Array(200).map((_, i) => i) } as const;
    const image = prepareImage('MFGTMPcx7_170702090001_A12f00d0.png', encodePng(gray));
    expect(image).toMatchObject({ format: 'png', sourceBitDepth: 8, original: null, normalization: null });
    expect(image.display).toEqual(gray);
    expect(image.cellomics).toMatchObject({ plate: '170702090001', well: 'A12', field: 0, channel: 0 });
    expect(image.thumbnail).toEqual(gray); // already small: an equal copy
    expectOwnBuffers(image);
  });

  it('copies a raster whose data is a view into a larger buffer', () => {
    const big = new Uint16Array(1000);
    const view: Raster16 = { width: 10, height: 10, channels: 1, bitDepth: 16, data: big.subarray(100, 200) };
    const image = prepareRaster('view', view, 'generated');
    expect(image.original!.data.buffer).not.toBe(big.buffer);
    expectOwnBuffers(image);
  });

  it('reads a .C01 end to end', () => {
    const image = prepareImage('X_1_B03f02d1.C01', encodeC01(ramp));
    expect(image).toMatchObject({ format: 'c01', sourceBitDepth: 16, cellomics: { well: 'B03', column: 3, field: 2, channel: 1 } });
    expect(rasterDifference(image.original!, ramp)).toBeNull();
  });

  it('throws FileFormatError for unreadable files and empty rasters', () => {
    expect(() => prepareImage('bad.png', Uint8Array.of(1, 2, 3))).toThrow(FileFormatError);
    expect(() => prepareImage('bad.png', Uint8Array.of(1, 2, 3))).toThrow(/^bad\.png: not a supported image/);
    expect(() => prepareRaster('void', { width: 0, height: 0, channels: 1, bitDepth: 8, data: new Uint8Array(0) }, 'generated'))
      .toThrow(/^void: the image has an invalid size/);
  });
});

describe.skipIf(!dir)('prepareImage on the shared data', () => {
  it('a dataset PNG: 8-bit, as decoded, Cellomics name, 96 px thumbnail', () => {
    const name = 'MFGTMPcx7_170702000001_B14f07d0.png';
    const bytes = readFileSync(join(dir!, 'aitslab-bioimaging1', 'train', name));
    const image = prepareImage(name, bytes);
    expect(image).toMatchObject({ name, format: 'png', width: 1104, height: 1104, channels: 1, sourceBitDepth: 8, original: null, normalization: null });
    expect(image.cellomics).toEqual({ prefix: 'MFGTMPcx7', plate: '170702000001', well: 'B14', row: 'B', column: 14, field: 7, channel: 0 });
    expect(rasterDifference(image.display, decodePng(name, bytes))).toBeNull();
    expect(image.thumbnail).toMatchObject({ width: 96, height: 96, channels: 1 });
    expectOwnBuffers(image);
  });

  it('a reference .C01: normalized by the dataset rule to exactly expected.png', () => {
    const base = join(dir!, 'normalization');
    const cases = JSON.parse(readFileSync(join(base, 'cases.json'), 'utf8')).cases;
    const name = 'hoechst_like_1104x1104';
    const image = prepareImage(`${name}.C01`, readFileSync(join(base, `${name}.C01`)));
    expect(image).toMatchObject({ format: 'c01', sourceBitDepth: 16, width: 1104, height: 1104, cellomics: null });
    expect(image.normalization).toEqual({ low: cases[name].low, high: cases[name].high });
    const expected = decodePng('e', readFileSync(join(base, `${name}.expected.png`)));
    expect(rasterDifference(image.display, expected)).toBeNull();
    expect(rasterDifference(image.original!, decodePng('i', readFileSync(join(base, `${name}.input.png`))))).toBeNull();
    expectOwnBuffers(image);
  });
});
