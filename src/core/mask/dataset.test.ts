// The headline checks on the real data: every object of the 50 Aitslab-bioimaging1 masks comes
// back pixel for pixel after import and export, and the VOC scheme reproduces the original file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vocColor } from '../colors';
import { decodePng, readPngHeader } from '../formats/png';
import { rasterDifference } from '../testing/rasters';
import { datasetMaskFiles, sharedDataDir } from '../testing/sharedData';
import { exportObjectsPng } from './exportMask';
import { importMask } from './importMask';
import { roundTripMask } from './roundTrip';

const dir = sharedDataDir();
const base = dir ? join(dir, 'aitslab-bioimaging1') : '';
const masks = datasetMaskFiles();
const ORIGINAL = 'train/MFGTMPcx7_170702000001_B14f07d0_objects.png';

describe.skipIf(!dir)('the 50 dataset masks', () => {
  it('every one of the 2,096 objects round-trips pixel-exact (import, export, compare)', () => {
    expect(masks).toHaveLength(50);
    let objects = 0;
    for (const file of masks) {
      const result = roundTripMask(file, readFileSync(file));
      expect(result, file).toEqual({ objects: result.objects, identicalObjects: result.objects, mismatchedPixels: 0, vertices: expect.any(Number) });
      objects += result.objects;
    }
    expect(objects).toBe(2096);
  });

  it('imports objects as measured independently: 219 on the border, one piece each, smallest 6 px', () => {
    let onBorder = 0, smallest = Infinity;
    for (const file of masks) {
      const { objects, width, height } = importMask(file, readFileSync(file), { width: 1104, height: 1104 }, 'exact-dense');
      for (const object of objects) {
        smallest = Math.min(smallest, object.pixels);
        const xs = object.rings.flatMap((ring) => ring.filter((_, i) => i % 2 === 0));
        const ys = object.rings.flatMap((ring) => ring.filter((_, i) => i % 2 === 1));
        if (xs.includes(0) || ys.includes(0) || xs.includes(width) || ys.includes(height)) onBorder++;
        expect(object.rings.length, `${file}: object ${object.z}`).toBe(1); // 4-connected, no enclosed holes
      }
    }
    expect(smallest).toBe(6); // (the README says 13; numpy counts 6, 6, 6, 7, … px)
    expect(onBorder).toBe(219);
  });

  it('the original CVAT file uses the VOC colours of objects 1..N, and the VOC export reproduces it', () => {
    const bytes = readFileSync(join(base, ORIGINAL));
    const mask = importMask(ORIGINAL, bytes);
    expect(mask.objects.map((o) => o.z)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    expect(mask.objects.map((o) => o.value)).toEqual(mask.objects.map((o) => vocColor(o.z)));
    expect(mask.objects[0].value).toBe(0x800000); // VOC 1 = (128, 0, 0)

    const exported = exportObjectsPng(mask.objects, mask.width, mask.height, { scheme: 'voc', imageName: ORIGINAL });
    expect(exported.warnings).toEqual([]);
    expect(rasterDifference(decodePng('exported', exported.bytes), decodePng('original', bytes))).toBeNull();
    expect(readPngHeader(exported.bytes)).toMatchObject({ colorType: 2, bitDepth: 8, interlaced: false });
  });
});
