import { inflateSync } from 'node:zlib';
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { huffmanLengths } from './deflate/huffman';
import { encodeLabelPng, type LabelPngFormat } from './pngLabels';

/** The IDAT payload (a single chunk, as encodeLabelPng writes). */
function idat(png: Uint8Array): Uint8Array {
  const view = new DataView(png.buffer, png.byteOffset);
  const ihdrEnd = 8 + 12 + 13;
  return png.subarray(ihdrEnd + 8, ihdrEnd + 8 + view.getUint32(ihdrEnd));
}

/** Encodes, checks with Node's zlib (which verifies the Adler-32) and fast-png, returns the decoded samples. */
function roundTrip(width: number, height: number, indices: Uint32Array, palette: Uint32Array, format: LabelPngFormat): ArrayLike<number> {
  const png = encodeLabelPng(width, height, indices, palette, format);
  const bpp = { rgb8: 3, gray16: 2, gray8: 1 }[format];
  expect(inflateSync(idat(png)).length).toBe((width * bpp + 1) * height);
  return decode(png).data;
}

function expected(indices: Uint32Array, palette: Uint32Array, format: LabelPngFormat): number[] {
  return Array.from(indices).flatMap((i) => (format === 'rgb8' ? [palette[i] >> 16, (palette[i] >> 8) & 0xff, palette[i] & 0xff] : [palette[i]]));
}

describe('encodeLabelPng', () => {
  const rng = createRng(5);

  for (const format of ['rgb8', 'gray16', 'gray8'] as const) {
    it(`${format}: blocky label images of many sizes decode to the palette values`, () => {
      const max = { rgb8: 0xffffff, gray16: 0xffff, gray8: 0xff }[format];
      for (let trial = 0; trial < 25; trial++) {
        const width = rng.int(1, 70), height = rng.int(1, 20), count = rng.int(1, 6);
        const palette = Uint32Array.from({ length: count + 1 }, (_, i) => (i === 0 ? 0 : rng.int(1, max)));
        // Runs and repeated rows, with some noise.
        const indices = new Uint32Array(width * height);
        for (let p = 0; p < indices.length; p++) {
          indices[p] = rng.chance(0.1) ? rng.int(0, count) : p % width > 0 ? indices[p - 1] : p >= width ? indices[p - width] : 0;
        }
        expect(Array.from(roundTrip(width, height, indices, palette, format)), `${format} trial ${trial}`).toEqual(expected(indices, palette, format));
      }
    });
  }

  it('palette entries that share a value (a binary mask) still form runs correctly', () => {
    const indices = Uint32Array.of(0, 1, 2, 3, 3, 0, 2, 2, 1, 0, 0, 0);
    const palette = Uint32Array.of(0, 255, 255, 255);
    expect(Array.from(roundTrip(6, 2, indices, palette, 'gray8'))).toEqual(expected(indices, palette, 'gray8'));
  });

  it('noise: over 65,536 tokens spread over several blocks', () => {
    const width = 300, height = 300;
    const indices = new Uint32Array(width * height).map(() => rng.int(0, 255));
    const palette = Uint32Array.from({ length: 256 }, (_, i) => i * 65793);
    expect(Array.from(roundTrip(width, height, indices, palette, 'rgb8'))).toEqual(expected(indices, palette, 'rgb8'));
  });

  it('rows wider than the 32 KB window: runs only, still exact', () => {
    const width = 12000, height = 3;
    const indices = new Uint32Array(width * height).map((_, p) => ((p % width) >> 10) % 3);
    const palette = Uint32Array.of(0, 0xabcdef, 0x010101);
    expect(Array.from(roundTrip(width, height, indices, palette, 'rgb8'))).toEqual(expected(indices, palette, 'rgb8'));
  });

  it('a blank 1104 x 1104 mask is tiny and identical every time', () => {
    const indices = new Uint32Array(1104 * 1104);
    const a = encodeLabelPng(1104, 1104, indices, Uint32Array.of(0), 'rgb8');
    expect(a.length).toBeLessThan(8000); // ~5 bytes a row
    expect(encodeLabelPng(1104, 1104, indices, Uint32Array.of(0), 'rgb8')).toEqual(a);
    expect(Array.from(new Set(decode(a).data))).toEqual([0]);
  });
});

describe('huffmanLengths', () => {
  it('gives optimal lengths when within the limit, and respects the limit otherwise', () => {
    expect(Array.from(huffmanLengths([5, 0, 1, 1, 2], 15))).toEqual([1, 0, 3, 3, 2]);
    expect(Array.from(huffmanLengths([0, 9, 0], 15))).toEqual([0, 1, 0]);
    const fibonacci = [1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765];
    const lengths = huffmanLengths(fibonacci, 7);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(7);
    expect(lengths.reduce((kraft, l) => kraft + 2 ** -l, 0)).toBeLessThanOrEqual(1);
  });
});
