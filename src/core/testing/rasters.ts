import type { Raster } from '../raster';

/**
 * null when two rasters are identical (size, channels, depth, every sample), else a short
 * description of the first difference. Much faster than a deep `toEqual` on megapixel arrays.
 */
export function rasterDifference(actual: Raster, expected: Raster): string | null {
  for (const key of ['width', 'height', 'channels', 'bitDepth'] as const) {
    if (actual[key] !== expected[key]) return `${key} ${actual[key]}, expected ${expected[key]}`;
  }
  if (actual.data.length !== expected.data.length) return `${actual.data.length} samples, expected ${expected.data.length}`;
  for (let i = 0; i < actual.data.length; i++) {
    if (actual.data[i] !== expected.data[i]) return `sample ${i} is ${actual.data[i]}, expected ${expected.data[i]}`;
  }
  return null;
}

/** Largest absolute difference between corresponding samples (rasters of equal length). */
export function maxSampleDifference(a: Raster, b: Raster): number {
  let max = 0;
  for (let i = 0; i < a.data.length; i++) max = Math.max(max, Math.abs(a.data[i] - b.data[i]));
  return max;
}
