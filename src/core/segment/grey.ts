import type { Raster8 } from '../raster';

/**
 * One grey value per pixel of an 8-bit raster, row-major: the raster's own data when it has one
 * channel (not copied), else the rounded mean of red, green and blue (alpha ignored).
 */
export function greyValues(raster: Raster8): Uint8Array {
  const { width, height, channels, data } = raster;
  if (channels === 1) return data;
  const grey = new Uint8Array(width * height);
  for (let p = 0, i = 0; p < grey.length; p++, i += channels) grey[p] = Math.round((data[i] + data[i + 1] + data[i + 2]) / 3);
  return grey;
}

/** Histogram of 8-bit values: 256 counts. */
export function histogram8(values: Uint8Array): Uint32Array {
  const counts = new Uint32Array(256);
  for (let p = 0; p < values.length; p++) counts[values[p]]++;
  return counts;
}

/**
 * The value at 0-based rank floor(percent / 100 * (count - 1)) of the sorted values, from their
 * histogram (`count` values in all). model/data.py's percentile_value is the same rule.
 */
export function histogramPercentile(hist: Uint32Array, count: number, percent: number): number {
  const rank = Math.floor((percent / 100) * (count - 1));
  let seen = 0;
  for (let v = 0; v < hist.length; v++) {
    seen += hist[v];
    if (seen > rank) return v;
  }
  return hist.length - 1;
}
