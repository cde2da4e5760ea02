import { describe, expect, it } from 'vitest';
import type { Raster8 } from './raster';
import { makeThumbnail } from './thumbnail';

const raster = (width: number, height: number, data: number[], channels: 1 | 3 = 1): Raster8 => ({
  width, height, channels, bitDepth: 8, data: Uint8Array.from(data),
});

describe('makeThumbnail', () => {
  it('averages 2x2 blocks when halving', () => {
    const r = raster(4, 2, [0, 10, 100, 200, 20, 30, 50, 250]);
    expect(makeThumbnail(r, 2)).toEqual(raster(2, 1, [15, 150]));
  });

  it('weights partly covered pixels by area', () => {
    // 3 -> 2 pixels: each output covers 1.5 source pixels.
    const out = makeThumbnail(raster(3, 1, [0, 90, 240]), 2);
    expect(out).toEqual(raster(2, 1, [Math.round((0 + 0.5 * 90) / 1.5), Math.round((0.5 * 90 + 240) / 1.5)]));
  });

  it('keeps the aspect ratio and the channel count', () => {
    const wide = raster(200, 100, new Array(200 * 100 * 3).fill(0).map((_, i) => (i % 3) * 100), 3);
    const out = makeThumbnail(wide, 96);
    expect(out).toMatchObject({ width: 96, height: 48, channels: 3, bitDepth: 8 });
    for (let i = 0; i < out.data.length; i++) expect(out.data[i]).toBe((i % 3) * 100);
    expect(makeThumbnail(raster(1104, 1104, new Array(1104 * 1104).fill(7)), 96)).toMatchObject({ width: 96, height: 96 });
    expect(makeThumbnail(raster(1000, 3, new Array(3000).fill(9)), 96)).toMatchObject({ width: 96, height: 1 });
  });

  it('never upscales, and returns a copy that does not share the buffer', () => {
    const small = raster(5, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const out = makeThumbnail(small, 96);
    expect(out).toEqual(small);
    expect(out.data.buffer).not.toBe(small.data.buffer);
  });

  it('preserves the mean brightness of a real-looking image', () => {
    const w = 1104, h = 1104;
    const data = new Array(w * h).fill(0).map((_, i) => ((i % w) * 3 + Math.floor(i / w)) % 256);
    const mean = data.reduce((s, v) => s + v, 0) / data.length;
    const out = makeThumbnail(raster(w, h, data), 96);
    const outMean = out.data.reduce((s, v) => s + v, 0) / out.data.length;
    expect(Math.abs(outMean - mean)).toBeLessThan(0.6);
  });
});
