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

/** True when two label images split the pixels into the same objects, whatever their numbers (background 0 to 0). */
export function samePartition(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  const ab = new Map<number, number>(), ba = new Map<number, number>();
  for (let p = 0; p < a.length; p++) {
    if ((ab.get(a[p]) ?? b[p]) !== b[p] || (ba.get(b[p]) ?? a[p]) !== a[p]) return false;
    ab.set(a[p], b[p]);
    ba.set(b[p], a[p]);
  }
  return !ab.has(0) || ab.get(0) === 0;
}
