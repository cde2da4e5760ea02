import { describe, expect, it } from 'vitest';
import { VOC_PALETTE_SIZE, vocColor } from '../colors';
import { decodePng } from '../formats/png';
import { decodeTiff } from '../formats/tiff';
import { exportBinaryPng, exportInBands, exportLabel16Png, exportLabel16Tiff, exportObjectsPng } from './exportMask';
import { importMask } from './importMask';
import { rasterizeShapes, type Shape } from './rasterize';

/** The chunk types of a PNG file, in order. */
function chunkTypes(png: Uint8Array): string[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const types: string[] = [];
  for (let at = 8; at < png.length; at += 12 + view.getUint32(at)) types.push(String.fromCharCode(...png.subarray(at + 4, at + 8)));
  return types;
}

/** `count` 2 x 2 squares in a grid, `perRow` per row, 3 px apart. */
function squares(count: number, perRow = 20): Shape[] {
  return Array.from({ length: count }, (_, i) => {
    const x = (i % perRow) * 3, y = Math.floor(i / perRow) * 3;
    return { z: i, rings: [[x, y, x + 2, y, x + 2, y + 2, x, y + 2]] };
  });
}

/** Distinct colours of an RGB raster, background included. */
function colours(data: Uint8Array): Set<number> {
  const set = new Set<number>();
  for (let i = 0; i < data.length; i += 3) set.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
  return set;
}

describe('exportObjectsPng', () => {
  it('writes PNG colour type 2, 8 bits, no alpha, no palette: IHDR, IDAT, IEND only', () => {
    const { bytes } = exportObjectsPng(squares(5), 20, 10, { imageName: 'a.png' });
    expect(chunkTypes(bytes)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(bytes[24]).toBe(8); // bit depth
    expect(bytes[25]).toBe(2); // colour type: RGB
    expect(bytes[28]).toBe(0); // not interlaced
    expect(decodePng('a', bytes)).toMatchObject({ width: 20, height: 10, channels: 3, bitDepth: 8 });
  });

  it('random scheme: identical bytes each time, seeded by the image name only', () => {
    const objects = squares(40);
    const a = exportObjectsPng(objects, 60, 6, { imageName: 'train/MFGTMPcx7_170702000001_B14f07d0.png' });
    const b = exportObjectsPng(objects, 60, 6, { imageName: 'train/MFGTMPcx7_170702000001_B14f07d0.png' });
    expect(b.bytes).toEqual(a.bytes);
    expect(exportObjectsPng(objects, 60, 6, { imageName: 'MFGTMPcx7_170702000001_B14f07d0.tif' }).bytes).toEqual(a.bytes);
    expect(exportObjectsPng(objects, 60, 6, { imageName: 'other.png' }).values).not.toEqual(a.values);
  });

  it('random scheme: unique, bright colours, none black, for 2,000 objects', () => {
    const { values } = exportObjectsPng([], 1, 1, { imageName: 'x' }); // no objects: fine
    expect(values).toEqual([]);
    const many = exportObjectsPng(squares(2000, 50), 150, 120, { imageName: 'x.png' });
    expect(new Set(many.values).size).toBe(2000);
    for (const colour of many.values) expect(Math.max(colour >> 16, (colour >> 8) & 0xff, colour & 0xff)).toBeGreaterThanOrEqual(178);
    expect(colours(decodePng('x', many.bytes).data as Uint8Array).size).toBe(2001);
  });

  it('VOC scheme: object n (by z) gets palette colour n', () => {
    const objects = squares(3).map((o, i) => ({ ...o, z: 10 - i })); // reversed z
    const { values } = exportObjectsPng(objects, 9, 3, { scheme: 'voc', imageName: 'a' });
    expect(values).toEqual([vocColor(3), vocColor(2), vocColor(1)]);
    expect(values[2]).toBe(0x800000);
  });

  it('VOC scheme past 255 objects: says so, and continues with unique colours outside the palette', () => {
    const objects = squares(300);
    const { bytes, warnings, values } = exportObjectsPng(objects, 60, 45, { scheme: 'voc', imageName: 'many.png' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^300 objects: the VOC palette has 255 colours; objects 256\.\.300 get further colours/);
    expect(new Set(values).size).toBe(300);
    const palette = new Set(Array.from({ length: VOC_PALETTE_SIZE + 1 }, (_, n) => vocColor(n)));
    expect(values.slice(0, 255).every((c) => palette.has(c))).toBe(true);
    expect(values.slice(255).some((c) => palette.has(c))).toBe(false);
    // Read back, the numbering continues: z = 1..300, pixels intact.
    const back = importMask('many_objects.png', bytes);
    expect(back.objects.map((o) => o.z)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(back.objects.every((o) => o.pixels === 4)).toBe(true);
  });

  it('reports overlaps and empty objects, in words too', () => {
    const objects: Shape[] = [
      { z: 1, rings: [[0, 0, 4, 0, 4, 4, 0, 4]] },
      { z: 2, rings: [[2, 2, 6, 2, 6, 6, 2, 6]] },
      { z: 3, rings: [[1.1, 1.1, 1.2, 1.1, 1.2, 1.2]] },
    ];
    const { report, warnings } = exportObjectsPng(objects, 8, 8, { imageName: 'a' });
    expect(report.overlapPixels).toBe(4);
    expect(report.emptyObjects).toEqual([2]);
    expect(warnings).toEqual([
      '1 object has no pixels (too small or thin to cover a pixel centre, outside the image, or hidden under other objects)',
      '4 pixels are covered by more than one object (1 overlapping pair); the object on top keeps them',
    ]);
  });
});

describe('label images and binary masks', () => {
  const objects: Shape[] = [
    { z: 5, rings: [[0, 0, 2, 0, 2, 1, 0, 1]] },
    { z: 1, rings: [[2, 0, 3, 0, 3, 1, 2, 1]] },
    { z: 3, rings: [] }, // empty: keeps its number 2
  ];

  it('16-bit PNG: 0 background, object numbers by z', () => {
    const { bytes, values, report } = exportLabel16Png(objects, 4, 1);
    expect(values).toEqual([3, 1, 2]);
    expect(report.emptyObjects).toEqual([2]);
    expect(decodePng('l', bytes)).toEqual({ width: 4, height: 1, channels: 1, bitDepth: 16, data: Uint16Array.of(3, 3, 1, 0) });
  });

  it('16-bit TIFF: the same pixels', () => {
    expect(decodeTiff('l.tif', exportLabel16Tiff(objects, 4, 1).bytes)).toEqual({ width: 4, height: 1, channels: 1, bitDepth: 16, data: Uint16Array.of(3, 3, 1, 0) });
  });

  it('binary PNG: 255 on any object', () => {
    expect(decodePng('b', exportBinaryPng(objects, 4, 1).bytes)).toEqual({ width: 4, height: 1, channels: 1, bitDepth: 8, data: Uint8Array.of(255, 255, 255, 0) });
  });

  it('refuses more objects than 16 bits can number', () => {
    const many = Array.from({ length: 65536 }, () => ({ z: 0, rings: [] }));
    expect(() => exportLabel16Png(many, 1, 1)).toThrow(/65536 objects: a 16-bit label image can number at most 65535/);
  });
});

describe('masks written in bands (images kept as tiles)', () => {
  it('gives exactly the pixels, values and report of the whole export, for every label PNG format', () => {
    const rng = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const random = rng(7);
    const width = 301, height = 203;
    const objects = Array.from({ length: 40 }, (_, i) => {
      const x = random() * 280, y = random() * 190, r = 3 + random() * 25;
      return { rings: [[x, y - r, x + r, y + r * 0.3, x - r * 0.7, y + r]], z: (i * 7) % 13 };
    });
    objects.push({ rings: [[0, 0, 1e308, 0, 0, 1e308]], z: 99 }, { rings: [[500, 500, 510, 500, 510, 510]], z: 1 }); // huge, and outside
    const numbers = Uint32Array.from({ length: objects.length + 1 }, (_, n) => n);
    for (const [format, byNumber] of [['rgb8', Uint32Array.from({ length: objects.length + 1 }, (_, n) => (n * 2654435761) & 0xffffff || 1)], ['gray16', numbers], ['gray8', new Uint32Array(objects.length + 1).fill(255)]] as const) {
      byNumber[0] = 0;
      const banded = exportInBands(objects, width, height, byNumber, format, [], 16);
      const whole = exportLabel16Png(objects, width, height); // the whole-image path, for the report
      const sorted = (report: typeof banded.report) => ({ ...report, overlaps: [...report.overlaps].sort((a, b) => a.lower - b.lower || a.upper - b.upper) });
      expect(sorted(banded.report)).toEqual(sorted(whole.report)); // the same pairs, listed in another order
      expect(banded.report.overlaps.length).toBeGreaterThan(3);
      if (format === 'gray16') expect(banded.values).toEqual(whole.values);
      const pixels = decodePng('banded.png', banded.bytes);
      const wholeLabels = rasterizeShapes(objects, width, height);
      const channels = pixels.channels;
      for (let p = 0; p < width * height; p++) {
        const label = wholeLabels.labels[p];
        const expected = label ? banded.values[label - 1] : 0;
        const got = channels === 3 ? (pixels.data[3 * p] << 16) | (pixels.data[3 * p + 1] << 8) | pixels.data[3 * p + 2] : pixels.data[p];
        if (got !== expected) throw new Error(`${format}: pixel ${p} is ${got}, expected ${expected}`);
      }
    }
  });
});
