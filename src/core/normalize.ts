/**
 * 16-bit to 8-bit conversion by the Aitslab-bioimaging1 dataset's rule, reproduced bit for bit
 * (reference: numpy 1.24 and scikit-image 0.19, see shared/data/normalization/README.md):
 *
 *   high = np.percentile(all samples, 99.9)          (default method "linear")
 *   low  = np.percentile(all samples, 100 - 99.9)    (= 0.09999999999999432, not 0.1)
 *   out  = img_as_ubyte((clip(v, low, high) - low) / (high - low))   (x * 255, round half to even)
 *
 * Percentiles come from a 65536-bin histogram instead of a sort: the same order statistics in
 * O(n) time with a fixed 256 KB table.
 */
import type { Raster16, Raster8 } from './raster';

/** The clipping window, in original sample values (may be fractional). */
export interface NormalizationWindow {
  low: number;
  high: number;
}

const HIGH_PERCENT = 99.9;
/**
 * The reference takes the low percentile as 100 - 99.9, which in floating point is
 * 0.09999999999999432; with 0.1 the window's low end differs in the last digits
 * (107.071 instead of the reference's 107.07099999999983 for small_gamma_48x64).
 */
const LOW_PERCENT = 100 - HIGH_PERCENT;

/** Count of each value 0..65535 over all samples (all channels together). */
export function histogram16(data: Uint16Array): Uint32Array {
  const hist = new Uint32Array(65536);
  for (let i = 0; i < data.length; i++) hist[data[i]]++;
  return hist;
}

/**
 * The `percent` (0..100) percentile of the `count` values tallied in `hist`, exactly as numpy
 * 1.24's `np.percentile(a, percent)` computes it: virtual index (n - 1) * (percent / 100),
 * the two neighbouring order statistics, and numpy's `_lerp`, whose formula switches at
 * t = 0.5 (that changes the last bits of the result, which the reference windows show).
 * `count` must equal the sum of `hist`; returns NaN when it is 0 (numpy raises there).
 */
export function percentileOfHistogram(hist: Uint32Array, count: number, percent: number): number {
  if (count <= 0) return NaN;
  const virtualIndex = (count - 1) * (percent / 100);
  if (virtualIndex >= count - 1) return orderStatistics(hist, count - 1, 1)[0];
  const previous = Math.max(0, Math.floor(virtualIndex));
  const [a, b] = orderStatistics(hist, previous, 2);
  return lerp(a, b, virtualIndex - previous);
}

/** numpy's `_lerp(a, b, t)`: a + (b - a) * t, computed from b's side when t >= 0.5. */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** The values at sorted positions first .. first + n - 1 (positions clamped to the last one). */
function orderStatistics(hist: Uint32Array, first: number, n: number): number[] {
  const result: number[] = [];
  let seen = 0; // values in bins below `value`
  for (let value = 0; value < hist.length && result.length < n; value++) {
    seen += hist[value];
    while (result.length < n && first + result.length < seen) result.push(value);
  }
  while (result.length < n) result.push(result[result.length - 1] ?? 0); // position past the end
  return result;
}

/**
 * The dataset's window for a raster: the (100 - 99.9)th and 99.9th percentiles of all its
 * samples (all channels together).
 * An empty raster gets { low: 0, high: 0 }.
 */
export function normalizationWindow(raster: Raster16): NormalizationWindow {
  return windowOfHistogram(histogram16(raster.data), raster.data.length);
}

/** The dataset's window from a histogram of `count` samples (images tallied band by band, core/tiles.ts). */
export function windowOfHistogram(hist: Uint32Array, count: number): NormalizationWindow {
  if (count === 0) return { low: 0, high: 0 };
  return {
    low: percentileOfHistogram(hist, count, LOW_PERCENT),
    high: percentileOfHistogram(hist, count, HIGH_PERCENT),
  };
}

/**
 * Converts to 8 bits with `window` (default: the dataset's window for this raster): values
 * are clipped to [low, high], mapped linearly to 0..255 and rounded half to even. Same size
 * and channel count as the input. When high <= low there is no range to stretch (a flat
 * image): every output sample is 0, where the reference would divide by zero.
 */
export function normalizeTo8Bit(raster: Raster16, window: NormalizationWindow = normalizationWindow(raster)): Raster8 {
  const lut = normalizationTable(window);
  const out = new Uint8Array(raster.data.length);
  const data = raster.data;
  for (let i = 0; i < data.length; i++) out[i] = lut[data[i]];
  return { width: raster.width, height: raster.height, channels: raster.channels, bitDepth: 8, data: out };
}

/**
 * Output for each of the 65536 input values. Per-value arithmetic is the reference's float64
 * sequence (clip, subtract, divide, multiply by 255, round), so a table is exact.
 */
export function normalizationTable(window: NormalizationWindow): Uint8Array {
  const lut = new Uint8Array(65536);
  for (let v = 0; v < 65536; v++) lut[v] = roundHalfToEven(windowFraction(v, window) * 255);
  return lut;
}

/**
 * Where `value` falls in the window, clipped to [0, 1]: (clip(v, low, high) - low) / (high - low)
 * in the reference's float64 order. A window with high <= low has no range: 0 for every value.
 */
export function windowFraction(value: number, { low, high }: NormalizationWindow): number {
  if (!(high > low)) return 0;
  const clipped = value < low ? low : value > high ? high : value;
  return (clipped - low) / (high - low);
}

/** Nearest integer, ties to even (numpy's rint), for x >= 0. */
export function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor; // exact for doubles of this size
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
