/**
 * Lossy simplification of a closed ring (Douglas–Peucker): the fewest vertices, kept from the
 * ring's own, such that no dropped vertex is farther than `tolerance` pixels from the outline
 * that replaces it. Pixels may change (unlike core/mask/simplify.ts, which keeps them exactly).
 */
import type { Ring } from '../objects';

/** Distance (px) from point p to the segment a–b. */
function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2)) : 0;
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Keeps vertices of the open chain from..to (indices into the ring, forwards) in `keep`. */
function chain(ring: Ring, n: number, from: number, to: number, tolerance: number, keep: Uint8Array): void {
  let farthest = -1, distance = tolerance;
  const ax = ring[2 * from], ay = ring[2 * from + 1], bx = ring[2 * to], by = ring[2 * to + 1];
  for (let i = (from + 1) % n; i !== to; i = (i + 1) % n) {
    const d = distanceToSegment(ring[2 * i], ring[2 * i + 1], ax, ay, bx, by);
    if (d > distance) (distance = d), (farthest = i);
  }
  if (farthest < 0) return;
  keep[farthest] = 1;
  chain(ring, n, from, farthest, tolerance, keep);
  chain(ring, n, farthest, to, tolerance, keep);
}

/**
 * The ring with vertices dropped wherever they are within `tolerance` px of the simplified
 * outline; at least 3 vertices stay (a ring of 3 or fewer is returned as it is). Starts from the
 * vertex 0 and the vertex farthest from it, so the result does not depend on a lucky start.
 */
export function simplifyRingLossy(ring: Ring, tolerance: number): Ring {
  const n = ring.length >> 1;
  if (n <= 3) return [...ring];
  let far = 1, best = -1;
  for (let i = 1; i < n; i++) {
    const d = Math.hypot(ring[2 * i] - ring[0], ring[2 * i + 1] - ring[1]);
    if (d > best) (best = d), (far = i);
  }
  const keep = new Uint8Array(n);
  keep[0] = keep[far] = 1;
  chain(ring, n, 0, far, tolerance, keep);
  chain(ring, n, far, 0, tolerance, keep);
  // Fewer than 3 kept (a very flat ring): keep the vertex farthest from the line between the two.
  if (keep.reduce((sum, k) => sum + k, 0) < 3) {
    let third = -1, distance = -1;
    for (let i = 0; i < n; i++) {
      const d = distanceToSegment(ring[2 * i], ring[2 * i + 1], ring[0], ring[1], ring[2 * far], ring[2 * far + 1]);
      if (!keep[i] && d > distance) (distance = d), (third = i);
    }
    keep[third] = 1;
  }
  const out: Ring = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(ring[2 * i], ring[2 * i + 1]);
  return out;
}
