/**
 * The one-click tool's proposal: the detected object under the click or, where the detector
 * has nothing there, a region grown from the click by a local threshold (segment/grow.ts).
 */
import type { Raster8 } from '../raster';
import { greyValues } from '../segment/grey';
import { growRegion, type GrowOptions, type PixelRegion } from '../segment/grow';
import type { Instances } from '../segment/labels';

export interface ClickRegion extends PixelRegion {
  /** 'detected': an object of `instances` (its label in `label`); 'grown': from the click. */
  source: 'detected' | 'grown';
  /** The object's label in the instances; 0 for grown regions. */
  label: number;
}

/**
 * The region at image point (x, y) (floating point image pixels; the pixel containing it is
 * tested). `instances` may come from the model or the classical pipeline, at `image`'s size.
 * Null when the point is outside the image or on background that nothing grows from.
 */
export function regionAt(instances: Instances, image: Raster8, x: number, y: number, options: GrowOptions = {}): ClickRegion | null {
  const { width, height, labels } = instances;
  const px = Math.floor(x), py = Math.floor(y);
  if (!(px >= 0 && py >= 0 && px < width && py < height)) return null;
  const label = labels[py * width + px];
  if (label) return { ...objectRegion(labels, width, height, label), source: 'detected', label };
  const grown = growRegion(greyValues(image), width, height, px, py, options);
  return grown && { ...grown, source: 'grown', label: 0 };
}

/** The bounding box and mask of label `label`. */
function objectRegion(labels: Uint32Array, width: number, height: number, label: number): PixelRegion {
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let p = 0; p < labels.length; p++) {
    if (labels[p] !== label) continue;
    const x = p % width, y = (p - x) / width;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    y1 = y;
  }
  const w = x1 - x0 + 1, h = y1 - y0 + 1;
  const mask = new Uint8Array(w * h);
  let area = 0;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      if (labels[y * width + x] === label) (mask[(y - y0) * w + x - x0] = 1), area++;
    }
  }
  return { x0, y0, width: w, height: h, mask, area };
}
