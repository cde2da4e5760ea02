/**
 * Small previews for image lists. Area averaging (each output pixel is the exact area-weighted
 * mean of the source pixels it covers, fractional edges included) keeps small bright nuclei
 * visible as dots where nearest-neighbour sampling would drop or alias them.
 */
import type { Raster8 } from './raster';

/**
 * Downscales so that the longer side is `maxSide` pixels (rounded; each side at least 1),
 * keeping the aspect ratio and the channel count. Never upscales: an image that already fits
 * is returned as a copy, so the result never shares its buffer with the input.
 */
export function makeThumbnail(raster: Raster8, maxSide: number): Raster8 {
  const { width, height, channels } = raster;
  const scale = Math.min(1, maxSide / Math.max(width, height));
  if (scale >= 1 || width === 0 || height === 0) return { ...raster, data: raster.data.slice() };
  const outWidth = Math.max(1, Math.round(width * scale));
  const outHeight = Math.max(1, Math.round(height * scale));
  const columns = coverage(width, outWidth);
  const rows = coverage(height, outHeight);

  // Separable: sum each source row horizontally, then add rows into their output rows.
  const sums = new Float64Array(outWidth * outHeight * channels);
  const rowSum = new Float64Array(outWidth * channels);
  for (let y = 0; y < height; y++) {
    rowSum.fill(0);
    const rowStart = y * width * channels;
    for (let x = 0; x < width; x++) {
      for (const [ox, weight] of columns[x]) {
        for (let c = 0; c < channels; c++) rowSum[ox * channels + c] += weight * raster.data[rowStart + x * channels + c];
      }
    }
    for (const [oy, weight] of rows[y]) {
      const base = oy * outWidth * channels;
      for (let i = 0; i < rowSum.length; i++) sums[base + i] += weight * rowSum[i];
    }
  }
  // Weights per axis sum to 1 per output pixel (they are fractions of the output cell).
  const data = new Uint8Array(sums.length);
  for (let i = 0; i < sums.length; i++) data[i] = Math.min(255, Math.round(sums[i]));
  return { width: outWidth, height: outHeight, channels, bitDepth: 8, data };
}

/**
 * For each source index 0..size-1, the output cells it overlaps and the fraction of each
 * output cell it covers. Output cell o spans source [o * size / out, (o + 1) * size / out).
 */
function coverage(size: number, out: number): Array<Array<[number, number]>> {
  const step = size / out; // source pixels per output pixel, > 1
  const result: Array<Array<[number, number]>> = [];
  for (let s = 0; s < size; s++) {
    const parts: Array<[number, number]> = [];
    // Starting one cell early guards against rounding in s / step; empty overlaps are skipped.
    for (let o = Math.max(0, Math.floor(s / step) - 1); o < out && o * step < s + 1; o++) {
      const overlap = Math.min(s + 1, (o + 1) * step) - Math.max(s, o * step);
      if (overlap > 0) parts.push([o, overlap / step]);
    }
    result.push(parts);
  }
  return result;
}
