import { describe, expect, it } from 'vitest';
import { FileFormatError } from '../errors';
import { encodePng } from '../formats/png';
import { writeTiff } from '../formats/tiffWriter';
import { createRng } from '../random';
import { antiAliasedDiscs, THREE_DISCS } from '../testing/antiAliased';
import { writeFilteredPng } from '../testing/filteredPng';
import { decodeMask, MaskLooksLikePictureError } from './decodeMask';
import { importMask } from './importMask';
import { ColourIndex, labelRgbPixels } from './rgbLabels';

function rgbPng(width: number, height: number, data: Uint8Array): Uint8Array {
  return encodePng({ width, height, channels: 3, bitDepth: 8, data });
}

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FileFormatError);
    return (error as Error).message;
  }
  throw new Error('expected a FileFormatError');
}

/** A mask-like RGB picture: random rectangles of a few colours on black. */
function blocky(rng: ReturnType<typeof createRng>, width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  const palette = [0, 0xff0000, 0x00ff00, 0x123456, 0x800000, 0x000001];
  for (let n = 0; n < 12; n++) {
    const colour = palette[rng.int(0, palette.length - 1)];
    const x0 = rng.int(0, width - 1), y0 = rng.int(0, height - 1), x1 = rng.int(x0, width), y1 = rng.int(y0, height);
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) data.set([colour >> 16, (colour >> 8) & 0xff, colour & 0xff], (y * width + x) * 3);
    }
  }
  return data;
}

describe('decodeMask', () => {
  it('reads the filtered rows of any filter exactly like the decoded pixels', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 20; trial++) {
      const width = rng.int(1, 40), height = rng.int(1, 30);
      const data = blocky(rng, width, height);
      const filters = [rng.int(0, 4), rng.int(0, 4)];
      const png = writeFilteredPng(width, height, 3, data, (y) => filters[y % 2]);
      const expected = new ColourIndex('x');
      const labels = labelRgbPixels(expected, data, width, height);
      const mask = decodeMask('m.png', png);
      expect(mask.values, `trial ${trial}`).toEqual(expected.values);
      expect(mask.labels, `trial ${trial}`).toEqual(labels);
    }
  });

  it('numbers VOC-coloured objects by palette index, others by first appearance', () => {
    // VOC 2 (0,128,0) appears before VOC 1 (128,0,0).
    const voc = decodeMask('v.png', rgbPng(2, 1, Uint8Array.of(0, 128, 0, 128, 0, 0)));
    expect(voc.objectNumbers).toEqual([2, 1]);
    const other = decodeMask('o.png', rgbPng(2, 1, Uint8Array.of(1, 2, 3, 200, 100, 50)));
    expect(other.objectNumbers).toEqual([1, 2]);
    expect(importMask('o.png', rgbPng(2, 1, Uint8Array.of(1, 2, 3, 200, 100, 50))).objects.map((o) => o.value)).toEqual([0x010203, 0xc86432]);
  });

  it('reads 8- and 16-bit gray label images: the value is the object number', () => {
    const eight = importMask('l8.png', encodePng({ width: 3, height: 1, channels: 1, bitDepth: 8, data: Uint8Array.of(7, 0, 2) }));
    expect(eight.kind).toBe('label');
    expect(eight.objects.map((o) => [o.z, o.pixels])).toEqual([[2, 1], [7, 1]]);
    const sixteen = importMask('l16.tif', writeTiff({ width: 2, height: 2, bits: 16, data: [0, 1000, 1000, 40000] }));
    expect(sixteen.objects.map((o) => [o.z, o.pixels])).toEqual([[1000, 2], [40000, 1]]);
  });

  it('reads colour masks saved as TIFF', () => {
    const tiff = writeTiff({ width: 3, height: 1, bits: 8, samplesPerPixel: 3, photometric: 2, data: [0, 0, 0, 9, 9, 9, 9, 9, 9] });
    expect(importMask('m.tif', tiff, undefined, 'exact-dense').objects).toEqual([{ rings: [[3, 0, 3, 1, 1, 1, 1, 0]], z: 1, value: 0x090909, pixels: 2 }]);
  });

  it('accepts opaque RGBA, refuses transparency and 16-bit colour', () => {
    const rgba = (alpha: number) => encodePng({ width: 2, height: 1, channels: 4, bitDepth: 8, data: Uint8Array.of(9, 9, 9, 255, 0, 0, 0, alpha) });
    expect(decodeMask('a.png', rgba(255)).values).toEqual([0x090909]);
    expect(message(() => decodeMask('t.png', rgba(0)))).toBe('t.png: the mask has transparent pixels; an object mask must be opaque (RGB, black background)');
    const deep = encodePng({ width: 1, height: 1, channels: 3, bitDepth: 16, data: Uint16Array.of(1, 2, 3) });
    expect(message(() => decodeMask('d.png', deep))).toMatch(/^d\.png: 16-bit colour is not an object mask/);
  });

  it('refuses a mask whose size differs from its image, before decoding it', () => {
    expect(message(() => decodeMask('m.png', rgbPng(4, 3, new Uint8Array(36)), { width: 1104, height: 1104 }))).toBe('m.png: the mask is 4 x 3 pixels but its image is 1104 x 1104');
  });

  it('refuses an anti-aliased picture, judged by its thin rings of blended colours, and reads it when forced', () => {
    const size = 96;
    const png = rgbPng(size, size, antiAliasedDiscs(size, THREE_DISCS));
    let error: unknown;
    try {
      decodeMask('aa.png', png);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MaskLooksLikePictureError);
    expect((error as Error).message).toMatch(/^aa\.png: \d+ of its \d+ colours are thin rings blended between the colours beside them: this looks like an anti-aliased picture/);
    const forced = decodeMask('aa.png', png, undefined, true);
    expect(forced.values.length).toBeGreaterThan(20);
  });

  it('accepts a mask of many single-pixel objects and a mask of touching objects with flat colours', () => {
    const rng = createRng(7);
    const width = 64, height = 64, dots = new Uint8Array(width * height * 3);
    for (let n = 1; n <= 400; n++) {
      const p = rng.int(0, width * height - 1);
      dots.set([rng.int(1, 255), rng.int(0, 255), n & 0xff], p * 3);
    }
    expect(decodeMask('dots.png', rgbPng(width, height, dots)).values.length).toBeGreaterThan(300);
    expect(() => decodeMask('blocky.png', rgbPng(width, height, blocky(rng, width, height)))).not.toThrow();
  });

  it('refuses more than 65,535 colours', () => {
    const width = 300, height = 300;
    const data = new Uint8Array(width * height * 3);
    for (let p = 0; p < width * height; p++) data.set([(p + 1) >> 16, ((p + 1) >> 8) & 0xff, (p + 1) & 0xff], p * 3);
    expect(message(() => decodeMask('noise.png', rgbPng(width, height, data)))).toBe('noise.png: more than 65535 different colours or values: not an object mask (an anti-aliased or photographic picture?)');
  });

  it('refuses damaged and truncated files with the file name', () => {
    const png = rgbPng(16, 16, blocky(createRng(1), 16, 16));
    const damaged = png.slice();
    damaged[50] ^= 0x40;
    expect(message(() => decodeMask('damaged_objects.png', damaged))).toMatch(/^damaged_objects\.png: corrupt or truncated PNG: /);
    expect(message(() => decodeMask('cut_objects.png', png.subarray(0, png.length - 20)))).toMatch(/^cut_objects\.png: corrupt or truncated PNG: /);
    expect(message(() => decodeMask('empty.png', new Uint8Array(0)))).toBe('empty.png: the file is empty');
    expect(message(() => decodeMask('text.png', new TextEncoder().encode('hello')))).toMatch(/^text\.png: not a supported image/);
  });
});
