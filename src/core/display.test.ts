import { describe, expect, it } from 'vitest';
import { autoContrastWindow, buildDisplayLut, defaultDisplay, renderRgba, sampleRange } from './display';
import { normalizationTable } from './normalize';
import type { Raster16, Raster8 } from './raster';

describe('buildDisplayLut', () => {
  it('is the identity for an 8-bit image with default settings', () => {
    const lut = buildDisplayLut(defaultDisplay({ low: 0, high: 255 }), 8);
    expect(Array.from(lut)).toEqual(Array.from({ length: 256 }, (_, i) => i));
  });

  it('clips to the window and scales linearly on 16-bit values', () => {
    const lut = buildDisplayLut(defaultDisplay({ low: 1000, high: 2020 }), 16);
    expect(lut.length).toBe(65536);
    expect([lut[0], lut[1000], lut[1510], lut[2020], lut[65535]]).toEqual([0, 0, 128, 255, 255]);
    // (1002 - 1000) / 1020 * 255 = 0.5 exactly: a tie, rounded to even 0.
    expect(lut[1002]).toBe(0);
    expect(lut[1006]).toBe(2); // 1.5 -> 2
  });

  it('applies gamma, contrast and brightness after the window', () => {
    const base = defaultDisplay({ low: 0, high: 255 });
    const brighter = buildDisplayLut({ ...base, brightness: 0.2 }, 8);
    expect(brighter[0]).toBe(51);
    expect(brighter[255]).toBe(255);
    const gamma = buildDisplayLut({ ...base, gamma: 0.5 }, 8);
    expect(gamma[64]).toBe(Math.round(Math.sqrt(64 / 255) * 255));
    const flat = buildDisplayLut({ ...base, contrast: 0.1 }, 8);
    expect(flat[255] - flat[0]).toBeLessThan(30);
  });

  it('equals the dataset normalization table for a fractional window', () => {
    const window = { low: 107.07099999999983, high: 1469.734000000025 };
    expect(buildDisplayLut(defaultDisplay(window), 16)).toEqual(normalizationTable(window));
  });

  it('does not divide by zero on an empty window', () => {
    const lut = buildDisplayLut(defaultDisplay({ low: 7, high: 7 }), 8);
    expect([lut[6], lut[7], lut[8]]).toEqual([0, 0, 0]);
  });
});

describe('renderRgba', () => {
  it('writes grey as equal RGB and opaque alpha, and maps colour channels one by one', () => {
    const grey: Raster8 = { width: 2, height: 1, channels: 1, bitDepth: 8, data: Uint8Array.of(10, 200) };
    const out = new Uint8ClampedArray(8);
    renderRgba(grey, buildDisplayLut(defaultDisplay({ low: 0, high: 255 }), 8), out);
    expect(Array.from(out)).toEqual([10, 10, 10, 255, 200, 200, 200, 255]);
    const rgba: Raster8 = { width: 1, height: 1, channels: 4, bitDepth: 8, data: Uint8Array.of(1, 2, 3, 0) };
    const one = new Uint8ClampedArray(4);
    renderRgba(rgba, buildDisplayLut(defaultDisplay({ low: 0, high: 255 }), 8), one);
    expect(Array.from(one)).toEqual([1, 2, 3, 255]);
  });
});

describe('autoContrastWindow', () => {
  it('ignores the brightest and darkest outliers', () => {
    const data = new Uint16Array(10_000).fill(500);
    for (let i = 0; i < 5000; i++) data[i] = 500 + (i % 1000);
    data[0] = 0;
    data[1] = 65535;
    const raster: Raster16 = { width: 100, height: 100, channels: 1, bitDepth: 16, data };
    const { low, high } = autoContrastWindow(raster);
    expect(low).toBe(500);
    expect(high).toBeGreaterThan(1480);
    expect(high).toBeLessThan(1500);
  });

  it('returns a non-empty window for a flat image', () => {
    const raster: Raster8 = { width: 4, height: 4, channels: 1, bitDepth: 8, data: new Uint8Array(16).fill(9) };
    const { low, high } = autoContrastWindow(raster);
    expect(high).toBeGreaterThan(low);
  });
});

describe('sampleRange', () => {
  it('finds the extreme values over all samples', () => {
    const raster: Raster16 = { width: 2, height: 2, channels: 1, bitDepth: 16, data: Uint16Array.of(300, 7, 65000, 12) };
    expect(sampleRange(raster)).toEqual({ min: 7, max: 65000 });
  });
});
