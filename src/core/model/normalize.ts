/**
 * The model's input: the image the app displays (8-bit; for 16-bit sources that is the
 * dataset's percentile normalization of the original values, see core/normalize.ts), mapped
 * to floats by its own 1st and 99.8th percentiles, as StarDist normalizes: v -> (v - p1) /
 * max(p99.8 - p1, 1), not clipped. The training code (model/data.py) applies exactly this
 * rule to the 8-bit training PNGs, so an image exposed brighter or dimmer, or a 16-bit
 * source windowed differently, reaches the network on the same scale. The original 16-bit
 * raster is not used: the network was trained on 8-bit data only.
 */
import type { Raster8 } from '../raster';
import { greyValues, histogram8, histogramPercentile } from '../segment/grey';

export const LOW_PERCENT = 1;
export const HIGH_PERCENT = 99.8;

/** The two percentile values of an image's grey values. */
export function inputWindow(grey: Uint8Array): { low: number; high: number } {
  const hist = histogram8(grey);
  return { low: histogramPercentile(hist, grey.length, LOW_PERCENT), high: histogramPercentile(hist, grey.length, HIGH_PERCENT) };
}

/** The network input for a whole image: one float per pixel, row-major, width x height. */
export function modelInput(raster: Raster8): Float32Array {
  const grey = greyValues(raster);
  const { low, high } = inputWindow(grey);
  const range = Math.max(high - low, 1);
  // A division, not a multiplication by 1 / range: rounded to float32 it equals numpy's result.
  const table = Float32Array.from({ length: 256 }, (_, v) => (v - low) / range);
  const input = new Float32Array(grey.length);
  for (let p = 0; p < grey.length; p++) input[p] = table[grey[p]];
  return input;
}
