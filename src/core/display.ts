import { roundHalfToEven, windowFraction } from './normalize';
import type { Raster } from './raster';

/**
 * How an image is shown. Never changes the data: it maps sample values to screen grey levels.
 * `low`/`high` are a window on the image's original sample values (0..255 for 8-bit images,
 * 0..65535 for 16-bit ones); values are clipped to it and scaled to [0, 1]. Then `gamma`
 * (t^gamma, < 1 brightens dark signal), then `contrast` (slope around mid-grey) and `brightness`
 * (offset, -1..1 of the full range).
 */
export interface DisplaySettings {
  low: number;
  high: number;
  gamma: number;
  contrast: number;
  brightness: number;
}

export const DISPLAY_LIMITS = {
  gamma: { min: 0.1, max: 5 },
  contrast: { min: 0.1, max: 10 },
  brightness: { min: -1, max: 1 },
} as const;

/** Default settings: 8-bit images shown as stored; 16-bit ones through the dataset's window. */
export function defaultDisplay(window: { low: number; high: number }): DisplaySettings {
  return { low: window.low, high: window.high, gamma: 1, contrast: 1, brightness: 0 };
}

/**
 * Lookup table from every possible sample value (256 or 65536 entries) to a grey level 0..255.
 * With default gamma, contrast and brightness it equals the dataset's normalization table for
 * the same window (16-bit images look exactly like their normalized 8-bit version). A window
 * with high <= low shows everything black.
 */
export function buildDisplayLut(settings: DisplaySettings, bitDepth: 8 | 16): Uint8Array {
  const size = bitDepth === 8 ? 256 : 65536;
  const lut = new Uint8Array(size);
  const { gamma, contrast, brightness } = settings;
  const adjustTone = gamma !== 1 || contrast !== 1 || brightness !== 0;
  for (let v = 0; v < size; v++) {
    let t = windowFraction(v, settings);
    if (adjustTone) {
      if (gamma !== 1) t = Math.pow(t, gamma);
      t = (t - 0.5) * contrast + 0.5 + brightness;
      t = Math.min(Math.max(t, 0), 1);
    }
    lut[v] = roundHalfToEven(t * 255);
  }
  return lut;
}

/**
 * Writes `source` through `lut` into RGBA pixels (`out` has width * height * 4 bytes).
 * Grey images fill R, G and B alike; a 4-channel image's alpha is ignored (shown opaque).
 */
export function renderRgba(source: Raster, lut: Uint8Array, out: Uint8ClampedArray): void {
  const { data, channels } = source;
  const pixels = source.width * source.height;
  if (channels === 1) {
    for (let i = 0, o = 0; i < pixels; i++, o += 4) {
      const g = lut[data[i]];
      out[o] = g;
      out[o + 1] = g;
      out[o + 2] = g;
      out[o + 3] = 255;
    }
    return;
  }
  for (let i = 0, s = 0, o = 0; i < pixels; i++, s += channels, o += 4) {
    out[o] = lut[data[s]];
    out[o + 1] = lut[data[s + 1]];
    out[o + 2] = lut[data[s + 2]];
    out[o + 3] = 255;
  }
}

/**
 * Auto-contrast window: the values below which `saturatedPercent` / 2 % of the samples lie, and
 * above which the same share lies (ImageJ-style saturation; 0.35 % is ImageJ's default).
 */
export function autoContrastWindow(source: Raster, saturatedPercent = 0.35): { low: number; high: number } {
  const hist = new Uint32Array(source.bitDepth === 8 ? 256 : 65536);
  const { data } = source;
  for (let i = 0; i < data.length; i++) hist[data[i]]++;
  return autoContrastOfHistogram(hist, data.length, saturatedPercent);
}

/** autoContrastWindow from a histogram of `count` samples (256 or 65536 bins; tiled images keep one). */
export function autoContrastOfHistogram(hist: Uint32Array, count: number, saturatedPercent = 0.35): { low: number; high: number } {
  const bins = hist.length;
  const tail = (count * saturatedPercent) / 200;
  let low = 0;
  for (let seen = 0; low < bins - 1 && seen + hist[low] <= tail; low++) seen += hist[low];
  let high = bins - 1;
  for (let seen = 0; high > 0 && seen + hist[high] <= tail; high--) seen += hist[high];
  return high > low ? { low, high } : { low: Math.max(0, high - 1), high: Math.max(1, high) };
}

/** Smallest and largest sample value of a raster (over all channels). */
export function sampleRange(source: Raster): { min: number; max: number } {
  const { data } = source;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const value = data[i];
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return data.length ? { min, max } : { min: 0, max: 0 };
}

/** sampleRange from a histogram: its lowest and highest non-empty bins. */
export function rangeOfHistogram(hist: Uint32Array): { min: number; max: number } {
  const min = hist.findIndex((n) => n > 0);
  if (min < 0) return { min: 0, max: 0 };
  return { min, max: hist.findLastIndex((n) => n > 0) };
}
