/**
 * A region grown from one clicked pixel by a threshold chosen in its neighbourhood: what the
 * one-click tool proposes where no detector has an object. The threshold is Otsu's over the
 * smoothed window around the click, lowered to halfway between the window's background (10th
 * percentile) and the clicked value when the click lies on something dimmer than that.
 */
import { fillHoles } from './components';
import { gaussianBlur, otsuThreshold } from './filters';
import { histogramPercentile } from './grey';

/** A binary mask in a rectangle of the image: pixel (x0 + i, y0 + j) is mask[j * width + i]. */
export interface PixelRegion {
  x0: number;
  y0: number;
  width: number;
  height: number;
  /** 1 inside, 0 outside. */
  mask: Uint8Array;
  /** Pixels inside. */
  area: number;
}

export interface GrowOptions {
  /** Half side of the square window examined around the click, pixels (default 40: a large nucleus). */
  radius?: number;
  /** Smoothing before thresholding, pixels (default 1). */
  sigma?: number;
}

/**
 * Grows the 4-connected region of pixels at or above the local threshold that contains pixel
 * (px, py) (integer indices inside the image), holes filled, within the window. Returns null
 * when the clicked pixel is not brighter than the window's background.
 */
export function growRegion(grey: Uint8Array, imageWidth: number, imageHeight: number, px: number, py: number, options: GrowOptions = {}): PixelRegion | null {
  const { radius = 40, sigma = 1 } = options;
  const x0 = Math.max(px - radius, 0), y0 = Math.max(py - radius, 0);
  const width = Math.min(px + radius + 1, imageWidth) - x0, height = Math.min(py + radius + 1, imageHeight) - y0;
  const window = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) window[y * width + x] = grey[(y0 + y) * imageWidth + x0 + x];
  const smooth = gaussianBlur(window, width, height, sigma);
  const hist = new Uint32Array(256);
  for (const v of smooth) hist[Math.min(255, Math.round(v))]++;
  const background = histogramPercentile(hist, smooth.length, 10);
  const clicked = smooth[(py - y0) * width + px - x0];
  if (clicked <= background) return null;
  const threshold = Math.min(otsuThreshold(hist) + 0.5, (background + clicked) / 2);
  const mask = new Uint8Array(width * height);
  const stack = [(py - y0) * width + px - x0];
  mask[stack[0]] = 1;
  while (stack.length > 0) {
    const p = stack.pop()!;
    const x = p % width;
    for (const q of [x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, p - width, p + width]) {
      if (q < 0 || q >= mask.length || mask[q] || smooth[q] < threshold) continue;
      mask[q] = 1;
      stack.push(q);
    }
  }
  const filled = fillHoles(mask, width, height);
  return { x0, y0, width, height, mask: filled, area: filled.reduce((sum, v) => sum + v, 0) };
}
