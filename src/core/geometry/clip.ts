/** Clipping rings to a rectangle, typically the image (0, 0, width, height). */
import type { Ring } from '../objects';
import { objectArea } from './evenOddArea';
import { cleanRing, type Box } from './rings';

/**
 * The part of the ring inside `box` (closed, px), by Sutherland–Hodgman. Vertices on the box
 * edge count as inside; new vertices where an edge leaves or enters get the box edge's
 * coordinate exactly (x = box.maxX, not a rounded intersection), so a clipped object ends
 * exactly at the image border.
 *
 * - A ring entirely inside comes back as a cleaned copy (no consecutive duplicates).
 * - Returns [] when no area of the ring's fill lies inside (fully outside, or only touching the
 *   border along an edge or at a point).
 * - Consecutive duplicate vertices are removed from the result.
 * - A concave ring that leaves and re-enters the box comes back as ONE ring whose pieces are
 *   joined by zero-width runs along the box edge. Its even-odd fill is exactly the original
 *   fill cut to the box (such runs enclose no area, and pixel centres never lie on integer box
 *   edges), but the ring counts as self-intersecting (ringSelfIntersects) and stays one piece.
 * Works for self-intersecting rings too: each half-plane cut preserves the even-odd fill.
 */
export function clipRingToBox(ring: Ring, box: Box): Ring {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const len = ring.length - (ring.length & 1);
  for (let i = 0; i < len; i += 2) {
    const x = ring[i], y = ring[i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (len < 6 || maxX <= box.minX || minX >= box.maxX || maxY <= box.minY || minY >= box.maxY) return [];
  if (minX >= box.minX && maxX <= box.maxX && minY >= box.minY && maxY <= box.maxY) return cleanRing(ring);

  let pts: number[] = ring.slice(0, len);
  let spare: number[] = [];
  if (minX < box.minX) [pts, spare] = [cutHalfPlane(pts, spare, 0, box.minX, true), pts];
  if (maxX > box.maxX) [pts, spare] = [cutHalfPlane(pts, spare, 0, box.maxX, false), pts];
  if (minY < box.minY) [pts, spare] = [cutHalfPlane(pts, spare, 1, box.minY, true), pts];
  if (maxY > box.maxY) [pts, spare] = [cutHalfPlane(pts, spare, 1, box.maxY, false), pts];
  const out = cleanRing(pts);
  return out.length >= 6 && objectArea([out]) > 0 ? out : [];
}

/**
 * One Sutherland–Hodgman pass into `out` (reused): keeps the side of the line
 * coordinate[axis] = bound where it is >= bound (keepAbove) or <= bound.
 */
function cutHalfPlane(pts: number[], out: number[], axis: 0 | 1, bound: number, keepAbove: boolean): number[] {
  out.length = 0;
  const n = pts.length;
  if (n === 0) return out;
  const other = 1 - axis;
  let pa = pts[n - 2 + axis], po = pts[n - 2 + other];
  let prevIn = keepAbove ? pa >= bound : pa <= bound;
  for (let i = 0; i < n; i += 2) {
    const ca = pts[i + axis], co = pts[i + other];
    const curIn = keepAbove ? ca >= bound : ca <= bound;
    if (curIn !== prevIn) {
      // The edge crosses the line strictly (one end is strictly outside), so ca !== pa. Worked in
      // halves, which is exact, so no difference overflows however far out a vertex lies (an
      // imported file's 1e308), and the fraction first, so no product does.
      const t = (bound / 2 - pa / 2) / (ca / 2 - pa / 2);
      const o = 2 * (po / 2 + t * (co / 2 - po / 2));
      if (axis === 0) out.push(bound, o);
      else out.push(o, bound);
    }
    if (curIn) out.push(pts[i], pts[i + 1]);
    pa = ca;
    po = co;
    prevIn = curIn;
  }
  return out;
}
