/**
 * Correction edits on an object's pixels, all exact: rings → pixel region → edit → rings that
 * cover exactly the edited pixels (core/mask/regions.ts). Regions are in image pixels; `bounds`
 * is the image, which no result leaves. Pieces are 4-connected, as traced outlines are.
 */
import { ringBox } from '../geometry';
import type { Ring } from '../objects';
import { connectedComponents, fillHoles } from '../segment/components';
import { combineRegions, regionOfRings, ringsOfRegion, type PixelRegion } from './regions';

type Bounds = { width: number; height: number };

/** The region grown by `margin` pixels on every side (clipped to the image), same pixels. */
function padded(region: PixelRegion, margin: number, bounds: Bounds): PixelRegion {
  const x0 = Math.max(0, region.x0 - margin), y0 = Math.max(0, region.y0 - margin);
  const x1 = Math.min(bounds.width, region.x0 + region.width + margin), y1 = Math.min(bounds.height, region.y0 + region.height + margin);
  const width = x1 - x0, height = y1 - y0;
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < region.height; y++) {
    for (let x = 0; x < region.width; x++) {
      const tx = region.x0 + x - x0, ty = region.y0 + y - y0;
      if (region.mask[y * region.width + x] && tx >= 0 && ty >= 0 && tx < width && ty < height) mask[ty * width + tx] = 1;
    }
  }
  return { x0, y0, width, height, mask, area: mask.reduce((n, v) => n + v, 0) };
}

function withMask(region: PixelRegion, mask: Uint8Array): PixelRegion {
  return { ...region, mask, area: mask.reduce((n, v) => n + v, 0) };
}

/** One object covering every pixel of all of `objects` (their union). */
export function mergeObjects(objects: readonly Ring[][], bounds: Bounds): Ring[] {
  const merged = objects.map((rings) => regionOfRings(rings)).reduce((a, b) => combineRegions(a, b, 'union'));
  return ringsOfRegion(merged, bounds);
}

/** The object's 4-connected pieces as separate objects (one entry when it is one piece). */
export function splitPieces(rings: readonly Ring[], bounds: Bounds): Ring[][] {
  const region = regionOfRings(rings);
  const { labels, count } = connectedComponents(region.mask, region.width, region.height);
  return Array.from({ length: count }, (_, k) => ringsOfRegion(withMask(region, Uint8Array.from(labels, (label) => (label === k + 1 ? 1 : 0))), bounds));
}

/** How many 4-connected pieces an object has (an eraser can cut one in two). */
export function pieceCount(rings: readonly Ring[]): number {
  const region = regionOfRings(rings);
  return connectedComponents(region.mask, region.width, region.height).count;
}

/**
 * The object grown (`step` 1) or shrunk (`step` -1) by one pixel: a pixel joins when one of its
 * four edge neighbours is in the object, or leaves when one is not. Null when shrinking would
 * leave nothing.
 */
export function growObject(rings: readonly Ring[], step: 1 | -1, bounds: Bounds): Ring[] | null {
  const region = padded(regionOfRings(rings), 1, bounds);
  const { width, height, mask } = region;
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= width || y >= height ? 0 : mask[y * width + x]);
  const next = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const near = [at(x - 1, y), at(x + 1, y), at(x, y - 1), at(x, y + 1)];
      next[y * width + x] = step > 0 ? Number(at(x, y) || near.some(Boolean)) : Number(at(x, y) && near.every(Boolean));
    }
  }
  const result = withMask(region, next);
  return result.area ? ringsOfRegion(result, bounds) : null;
}

/** The object with its holes filled. */
export function fillObjectHoles(rings: readonly Ring[], bounds: Bounds): Ring[] {
  const region = padded(regionOfRings(rings), 1, bounds);
  return ringsOfRegion(withMask(region, fillHoles(region.mask, region.width, region.height)), bounds);
}

/** The object without its pieces of fewer than `minPixels` pixels; null when none would be left. */
export function removeSmallPieces(rings: readonly Ring[], minPixels: number, bounds: Bounds): Ring[] | null {
  const region = regionOfRings(rings);
  const { labels, count } = connectedComponents(region.mask, region.width, region.height);
  const sizes = new Uint32Array(count + 1);
  for (const label of labels) sizes[label]++;
  const kept = withMask(region, Uint8Array.from(labels, (label) => (label && sizes[label] >= minPixels ? 1 : 0)));
  return kept.area ? ringsOfRegion(kept, bounds) : null;
}

/**
 * The pixels a round brush of `radius` pixels paints along a stroke (flat x, y list, image
 * pixels): those whose centre lies within `radius` of the stroke's polyline, in the image.
 */
export function strokeRegion(points: readonly number[], radius: number, bounds: Bounds): PixelRegion {
  const { minX, minY, maxX, maxY } = ringBox(points as Ring);
  const x0 = Math.max(0, Math.floor(minX - radius)), y0 = Math.max(0, Math.floor(minY - radius));
  const x1 = Math.min(bounds.width, Math.ceil(maxX + radius)), y1 = Math.min(bounds.height, Math.ceil(maxY + radius));
  const width = Math.max(0, x1 - x0), height = Math.max(0, y1 - y0);
  const mask = new Uint8Array(width * height);
  const r2 = radius * radius;
  const segments = Math.max(1, points.length / 2 - 1);
  for (let s = 0; s < segments; s++) {
    const ax = points[2 * s], ay = points[2 * s + 1];
    const bx = points.length > 2 ? points[2 * s + 2] : ax, by = points.length > 2 ? points[2 * s + 3] : ay;
    const dx = bx - ax, dy = by - ay, length2 = dx * dx + dy * dy;
    const sx0 = Math.max(x0, Math.floor(Math.min(ax, bx) - radius)), sx1 = Math.min(x1, Math.ceil(Math.max(ax, bx) + radius));
    const sy0 = Math.max(y0, Math.floor(Math.min(ay, by) - radius)), sy1 = Math.min(y1, Math.ceil(Math.max(ay, by) + radius));
    for (let y = sy0; y < sy1; y++) {
      for (let x = sx0; x < sx1; x++) {
        const cx = x + 0.5, cy = y + 0.5;
        const t = length2 ? Math.max(0, Math.min(1, ((cx - ax) * dx + (cy - ay) * dy) / length2)) : 0;
        const ex = cx - ax - t * dx, ey = cy - ay - t * dy;
        if (ex * ex + ey * ey <= r2) mask[(y - y0) * width + x - x0] = 1;
      }
    }
  }
  return { x0, y0, width, height, mask, area: mask.reduce((n, v) => n + v, 0) };
}

/** The object with a brush stroke's pixels added (`paint`) or taken away (`erase`); null when nothing is left. */
export function applyStroke(rings: readonly Ring[] | null, stroke: PixelRegion, mode: 'paint' | 'erase', bounds: Bounds): Ring[] | null {
  const result = rings ? combineRegions(regionOfRings(rings), stroke, mode === 'paint' ? 'union' : 'subtract') : mode === 'paint' ? stroke : null;
  return result && result.area ? ringsOfRegion(result, bounds) : null;
}

/**
 * The object cut along a polyline (flat x, y list): pixels whose centre is within half a pixel
 * diagonal of the line are the cut; the pieces left apart become objects, and the cut pixels go
 * back to the piece they touch, so no pixel is lost. Null when the line does not cut it in two.
 */
export function cutObject(rings: readonly Ring[], line: readonly number[], bounds: Bounds): Ring[][] | null {
  const region = regionOfRings(rings);
  const cut = strokeRegion(line, Math.SQRT1_2, bounds);
  const rest = combineRegions(region, cut, 'subtract');
  const { labels, count } = connectedComponents(rest.mask, rest.width, rest.height);
  if (count < 2) return null;
  // Give each cut pixel of the object the piece of an edge neighbour, growing out from the pieces.
  const owner = Uint32Array.from(labels);
  const inObject = combineRegions(region, rest, 'union'); // same box as rest
  for (let changed = true; changed; ) {
    changed = false;
    for (let p = 0; p < owner.length; p++) {
      if (owner[p] || !inObject.mask[p]) continue;
      const x = p % rest.width;
      const near = [x > 0 ? owner[p - 1] : 0, x < rest.width - 1 ? owner[p + 1] : 0, owner[p - rest.width] ?? 0, owner[p + rest.width] ?? 0].find(Boolean);
      if (near) (owner[p] = near), (changed = true);
    }
  }
  return Array.from({ length: count }, (_, k) => ringsOfRegion(withMask(rest, Uint8Array.from(owner, (label) => (label === k + 1 ? 1 : 0))), bounds));
}
