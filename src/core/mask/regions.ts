/**
 * Pixel regions: one object's pixels in a rectangle of the image (segment/grow.ts's
 * PixelRegion), and the way between them and exact outlines. Edits that work on pixels (adding
 * the region under a click, brush strokes, merging) go rings -> region -> combine -> rings, and
 * the rings always cover exactly the region's pixels.
 */
import type { Ring } from '../objects';
import type { PixelRegion } from '../segment/grow';
import { pixelBoxOf, rasterizeLocal, type PixelBox } from './rasterize';
import { simplifyExact } from './simplify';
import { traceLabels } from './trace';

export type { PixelRegion };

/** The pixels of an object's rings (the export's rule), in its own box or in `box`. */
export function regionOfRings(rings: readonly Ring[], box: PixelBox = pixelBoxOf(rings)): PixelRegion {
  const labels = rasterizeLocal(rings, box);
  const mask = new Uint8Array(labels.length);
  let area = 0;
  for (let p = 0; p < labels.length; p++) if (labels[p]) (mask[p] = 1), area++;
  return { ...box, mask, area };
}

/** `a` with `b`'s pixels added ('union') or taken away ('subtract'), in the box covering both. */
export function combineRegions(a: PixelRegion, b: PixelRegion, op: 'union' | 'subtract'): PixelRegion {
  const x0 = Math.min(a.x0, b.x0), y0 = Math.min(a.y0, b.y0);
  const x1 = Math.max(a.x0 + a.width, b.x0 + b.width), y1 = Math.max(a.y0 + a.height, b.y0 + b.height);
  const width = x1 - x0, height = y1 - y0;
  const mask = new Uint8Array(width * height);
  const at = (region: PixelRegion, x: number, y: number) => {
    const rx = x - region.x0, ry = y - region.y0;
    return rx >= 0 && ry >= 0 && rx < region.width && ry < region.height ? region.mask[ry * region.width + rx] : 0;
  };
  let area = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const inside = op === 'union' ? at(a, x, y) || at(b, x, y) : at(a, x, y) && !at(b, x, y);
      if (inside) (mask[(y - y0) * width + x - x0] = 1), area++;
    }
  }
  return { x0, y0, width, height, mask, area };
}

/**
 * A region's outline as image-pixel rings covering exactly its pixels: simplified (few
 * vertices, inside `bounds`) or, with 'exact-dense', along every pixel edge. Empty for an empty region.
 */
export function ringsOfRegion(region: PixelRegion, bounds?: { width: number; height: number }, trace: 'simplified' | 'exact-dense' = 'simplified'): Ring[] {
  const { rings } = traceLabels(Uint32Array.from(region.mask), region.width, region.height, 1);
  const placed = rings[0].map((ring) => ring.map((v, i) => v + (i % 2 === 0 ? region.x0 : region.y0)));
  return trace === 'simplified' ? simplifyExact(placed, bounds) : placed;
}

/** Intersection over union of two objects' pixel sets (0 when both are empty). */
export function ringsIoU(a: readonly Ring[], b: readonly Ring[]): number {
  const box = pixelBoxOf([...a, ...b]);
  const first = rasterizeLocal(a, box), second = rasterizeLocal(b, box);
  let both = 0, either = 0;
  for (let p = 0; p < first.length; p++) {
    if (first[p] && second[p]) both++;
    if (first[p] || second[p]) either++;
  }
  return either ? both / either : 0;
}
