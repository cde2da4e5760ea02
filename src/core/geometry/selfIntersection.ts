/** Whether a ring is a simple polygon (its outline never meets itself). */
import type { Ring } from '../objects';
import { cleanRing } from './rings';

/**
 * True unless the ring, after dropping consecutive duplicate vertices, is a simple polygon.
 * So it is true when:
 * - two non-adjacent edges cross, touch (a vertex on another edge, a "pinch"), or overlap
 *   collinearly; a vertex visited twice is a touch;
 * - two adjacent edges fold back onto each other (a zero-width spike);
 * - fewer than 3 distinct vertices remain (no area at all).
 * Consecutive duplicate vertices (zero-length edges) alone do NOT count: they change neither
 * the outline nor the fill, and cleanRing removes them. Collinear vertices that go on in the same
 * direction are fine.
 *
 * Touching counts because a pinched outline is ambiguous to edit and to fill; note that masks
 * traced along pixel edges give pinched rings where two pixels meet only at a corner.
 *
 * Exact comparisons on the float coordinates (no tolerance). Cost: sort by x, then each edge is
 * tested against edges whose x ranges overlap: O(n log n) for ordinary outlines, O(n²) worst.
 */
export function ringSelfIntersects(ring: Ring): boolean {
  const p = cleanRing(ring);
  const m = p.length >> 1;
  if (m < 3) return true;

  for (let i = 0; i < m; i++) {
    const a = 2 * i, b = 2 * ((i + 1) % m), c = 2 * ((i + 2) % m);
    const ux = p[b] - p[a], uy = p[b + 1] - p[a + 1];
    const vx = p[c] - p[b], vy = p[c + 1] - p[b + 1];
    if (ux * vy - uy * vx === 0 && ux * vx + uy * vy < 0) return true;
  }
  if (m === 3) return false; // every pair of edges of a triangle is adjacent

  // Edge e runs from vertex e to vertex e + 1.
  const minX = new Float64Array(m), maxX = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const x1 = p[2 * e], x2 = p[2 * ((e + 1) % m)];
    minX[e] = Math.min(x1, x2);
    maxX[e] = Math.max(x1, x2);
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => minX[a] - minX[b]);
  for (let s = 0; s < m; s++) {
    const e = order[s];
    const ax = p[2 * e], ay = p[2 * e + 1];
    const e1 = 2 * ((e + 1) % m);
    const bx = p[e1], by = p[e1 + 1];
    const eMinY = Math.min(ay, by), eMaxY = Math.max(ay, by);
    for (let t = s + 1; t < m; t++) {
      const f = order[t];
      if (minX[f] > maxX[e]) break;
      const d = f - e;
      if (d === 1 || d === -1 || d === m - 1 || d === 1 - m) continue; // adjacent: checked above
      const cx = p[2 * f], cy = p[2 * f + 1];
      const f1 = 2 * ((f + 1) % m);
      const dx = p[f1], dy = p[f1 + 1];
      if (Math.max(cy, dy) < eMinY || Math.min(cy, dy) > eMaxY) continue;
      if (segmentsMeet(ax, ay, bx, by, cx, cy, dx, dy)) return true;
    }
  }
  return false;
}

/** Whether closed segments ab and cd share at least one point (crossing, touching, overlap). */
function segmentsMeet(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (
    (d1 === 0 && within(cx, cy, dx, dy, ax, ay)) ||
    (d2 === 0 && within(cx, cy, dx, dy, bx, by)) ||
    (d3 === 0 && within(ax, ay, bx, by, cx, cy)) ||
    (d4 === 0 && within(ax, ay, bx, by, dx, dy))
  );
}

/** Twice the signed area of triangle pqr: > 0 one side, < 0 the other, 0 collinear. */
function orient(px: number, py: number, qx: number, qy: number, rx: number, ry: number): number {
  return (qx - px) * (ry - py) - (qy - py) * (rx - px);
}

/** For r collinear with pq: whether r lies within segment pq's bounding box, i.e. on pq. */
function within(px: number, py: number, qx: number, qy: number, rx: number, ry: number): boolean {
  return Math.min(px, qx) <= rx && rx <= Math.max(px, qx) && Math.min(py, qy) <= ry && ry <= Math.max(py, qy);
}
