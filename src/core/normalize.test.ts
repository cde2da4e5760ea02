import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeC01 } from './formats/c01';
import { decodePng } from './formats/png';
import { histogram16, normalizationWindow, normalizeTo8Bit, percentileOfHistogram, roundHalfToEven, windowFraction } from './normalize';
import type { Raster16 } from './raster';
import { rasterDifference } from './testing/rasters';
import { sharedDataDir } from './testing/sharedData';

const dir = sharedDataDir();

const raster16 = (data: number[], width = data.length, channels: 1 | 3 = 1): Raster16 => ({
  width, height: data.length / width / channels, channels, bitDepth: 16, data: Uint16Array.from(data),
});

describe('percentileOfHistogram', () => {
  const values = [5, 1, 9, 1000, 3, 3, 7, 65535, 0, 42];
  const hist = histogram16(Uint16Array.from(values));

  it('matches np.percentile (numpy, method "linear") exactly', () => {
    // Expected values printed by numpy for np.percentile(np.array(values, np.uint16), q).
    const numpy: Array<[number, number]> = [
      [0, 0], [0.1, 0.009000000000000001], [100 - 99.9, 0.00899999999999949], [12.5, 1.25], [33.3, 3],
      [50, 6], [66.7, 9.099000000000004], [99.9, 64954.18500000009], [100, 65535],
    ];
    for (const [q, expected] of numpy) expect(percentileOfHistogram(hist, values.length, q)).toBe(expected);
  });

  it('agrees with a sort-based reference on random data', () => {
    let s = 12345;
    const data = new Uint16Array(5001).map(() => ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) % 4000);
    const sorted = Array.from(data).sort((a, b) => a - b);
    const h = histogram16(data);
    for (const q of [0, 0.1, 1, 25, 49.99, 50, 75.5, 99, 99.9, 100]) {
      const vi = (sorted.length - 1) * (q / 100), lo = Math.floor(vi), t = vi - lo;
      const a = sorted[lo], b = sorted[Math.min(lo + 1, sorted.length - 1)];
      const reference = t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
      expect(percentileOfHistogram(h, data.length, q)).toBe(reference);
    }
  });

  it('gives the only value of a one-pixel image and NaN for none', () => {
    expect(percentileOfHistogram(histogram16(Uint16Array.of(7)), 1, 0.1)).toBe(7);
    expect(percentileOfHistogram(histogram16(Uint16Array.of(7)), 1, 99.9)).toBe(7);
    expect(percentileOfHistogram(new Uint32Array(65536), 0, 50)).toBeNaN();
  });
});

describe('normalizeTo8Bit', () => {
  it('clips, scales and rounds half to even like img_as_ubyte', () => {
    // Window 0..510: v maps to v / 2, so odd v land exactly on .5.
    const out = normalizeTo8Bit(raster16([0, 1, 2, 3, 5, 7, 509, 510, 600]), { low: 0, high: 510 });
    expect(Array.from(out.data)).toEqual([0, 0, 1, 2, 2, 4, 254, 255, 255]);
    const shifted = normalizeTo8Bit(raster16([0, 100, 150, 200, 300]), { low: 100, high: 200 });
    expect(Array.from(shifted.data)).toEqual([0, 0, 128, 255, 255]); // 127.5 rounds to even 128
  });

  it('outputs all zeros for a flat image instead of dividing by zero', () => {
    const flat = raster16(new Array(12).fill(1234), 4);
    expect(normalizationWindow(flat)).toEqual({ low: 1234, high: 1234 });
    const out = normalizeTo8Bit(flat);
    expect(out).toMatchObject({ width: 4, height: 3, channels: 1, bitDepth: 8 });
    expect(Array.from(out.data)).toEqual(new Array(12).fill(0));
  });

  it('keeps the channel count and uses one window over all channels', () => {
    const rgb = raster16([0, 1000, 2000, 3000, 4000, 5000], 2, 3);
    const out = normalizeTo8Bit(rgb, { low: 0, high: 5000 });
    expect(out).toMatchObject({ width: 2, height: 1, channels: 3, bitDepth: 8 });
    expect(Array.from(out.data)).toEqual([0, 51, 102, 153, 204, 255]);
    expect(normalizationWindow(rgb).high).toBeCloseTo(4995, 6);
  });
});

describe.skipIf(!dir)('the dataset rule on the reference vectors', () => {
  // Vitest runs a skipped suite's body too (to list its tests): nothing here may touch the missing folder.
  const base = dir ? join(dir, 'normalization') : '';
  const cases = dir
    ? (JSON.parse(readFileSync(join(base, 'cases.json'), 'utf8')).cases as Record<string, { low: number; high: number }>)
    : {};

  it('has the three reference cases', () => {
    expect(Object.keys(cases).sort()).toEqual(['full_range_31x17', 'hoechst_like_1104x1104', 'small_gamma_48x64']);
  });

  for (const [name, { low, high }] of Object.entries(cases)) {
    for (const source of ['input.png', 'C01'] as const) {
      it(`${name} from .${source}: window === cases.json, pixels identical to expected.png`, () => {
        const bytes = readFileSync(join(base, `${name}.${source}`));
        const input = source === 'C01' ? decodeC01(name, bytes) : (decodePng(name, bytes) as Raster16);
        expect(input.bitDepth).toBe(16);
        const window = normalizationWindow(input);
        expect(window.low).toBe(low);
        expect(window.high).toBe(high);
        const expected = decodePng(`${name}.expected.png`, readFileSync(join(base, `${name}.expected.png`)));
        expect(rasterDifference(normalizeTo8Bit(input), expected)).toBeNull();
      });
    }
  }
});

describe('roundHalfToEven and windowFraction', () => {
  it('rounds ties to the even neighbour and everything else to nearest', () => {
    expect([0.5, 1.5, 2.5, 3.5, 2.4999, 2.5001, 254.5, 0].map(roundHalfToEven)).toEqual([0, 2, 2, 4, 2, 3, 254, 0]);
  });

  it('clips to the window and has no range (0) for an empty window', () => {
    expect([0, 100, 150, 200, 999].map((v) => windowFraction(v, { low: 100, high: 200 }))).toEqual([0, 0, 0.5, 1, 1]);
    expect(windowFraction(5, { low: 7, high: 7 })).toBe(0);
    expect(windowFraction(9, { low: 7, high: 7 })).toBe(0);
  });
});
