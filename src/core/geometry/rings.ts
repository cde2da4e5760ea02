/**
 * Basic measures of rings and objects. All coordinates are image pixels (see ../objects.ts):
 * (0,0) is the top-left corner of the top-left pixel, y grows downwards.
 *
 * These run at interaction time over thousands of objects, so they loop over the flat
 * x0,y0,x1,y1,… arrays directly and allocate nothing per vertex.
 */
import type { Ring } from '../objects';

/** A point in image pixels. */
export interface Point {
  x: number;
  y: number;
}

/**
 * An axis-aligned rectangle in image pixels, closed: it contains (x, y) when
 * minX <= x <= maxX and minY <= y <= maxY. An empty box has min > max (see EMPTY_BOX).
 */
export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The box of nothing: contains no point and intersects no box. Do not mutate. */
export const EMPTY_BOX: Readonly<Box> = Object.freeze({ minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity });

/**
 * Signed area in px² by the shoelace formula. In image coordinates (y down) it is POSITIVE for
 * a ring that runs clockwise on screen, e.g. (0,0) → (1,0) → (1,1) → (0,1), and negative for
 * counter-clockwise. For a self-intersecting ring, lobes of opposite turning cancel (a
 * symmetric bow-tie gives 0); use objectArea for the filled area. Fewer than 3 vertices: 0.
 */
export function ringArea(ring: Ring): number {
  const n = ring.length >> 1;
  if (n < 3) return 0;
  // Measured from the first vertex: keeps products small, so no precision is lost to
  // cancellation far from the origin.
  const ox = ring[0], oy = ring[1];
  let sum = 0;
  let px = ring[2] - ox, py = ring[3] - oy;
  for (let i = 4; i < ring.length; i += 2) {
    const qx = ring[i] - ox, qy = ring[i + 1] - oy;
    sum += px * qy - qx * py;
    px = qx;
    py = qy;
  }
  return sum / 2;
}

/** Total number of vertices over all rings. */
export function vertexCount(rings: Ring[]): number {
  let n = 0;
  for (let r = 0; r < rings.length; r++) n += rings[r].length >> 1;
  return n;
}

/** Bounding box of the vertices (px); EMPTY_BOX values (as a new object) for an empty ring. */
export function ringBox(ring: Ring): Box {
  return objectBox([ring]);
}

/** Bounding box of all rings (px); empty (min > max) when there are no vertices. */
export function objectBox(rings: Ring[]): Box {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let r = 0; r < rings.length; r++) {
    const ring = rings[r];
    for (let i = 0; i < ring.length; i += 2) {
      const x = ring[i], y = ring[i + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return { minX, minY, maxX, maxY };
}

/** True when the boxes share at least one point (closed boxes: touching counts). */
export function boxesIntersect(a: Box, b: Box): boolean {
  return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}

/**
 * Whether (x, y) in px is inside the object: a horizontal ray to the right crosses its rings an
 * odd number of times (even-odd over ALL rings, so holes and crossings work like the fill).
 *
 * Boundary points follow the pixel convention, half-open like pixel (x, y) covering
 * [x, x+1) x [y, y+1): for an axis-aligned rectangle, points on its left and top edges are
 * inside, points on its right and bottom edges are outside. So rasterizing by pixel centres
 * with this test never counts a centre twice for two rectangles that share an edge.
 */
export function pointInRings(rings: Ring[], x: number, y: number): boolean {
  let inside = false;
  for (let r = 0; r < rings.length; r++) {
    const ring = rings[r];
    const len = ring.length;
    if (len < 6) continue;
    let x1 = ring[len - 2], y1 = ring[len - 1];
    for (let i = 0; i < len; i += 2) {
      const x2 = ring[i], y2 = ring[i + 1];
      // Half-open in y (a vertex exactly at height y counts for one of its two edges only),
      // and strictly left of the crossing in x.
      if (y1 > y !== y2 > y && x < x1 + ((y - y1) * (x2 - x1)) / (y2 - y1)) inside = !inside;
      x1 = x2;
      y1 = y2;
    }
  }
  return inside;
}

/** New rings shifted by (dx, dy) px. */
export function translateRings(rings: Ring[], dx: number, dy: number): Ring[] {
  const out: Ring[] = new Array(rings.length);
  for (let r = 0; r < rings.length; r++) {
    const ring = rings[r];
    const moved: Ring = new Array(ring.length);
    for (let i = 0; i < ring.length; i += 2) {
      moved[i] = ring[i] + dx;
      moved[i + 1] = ring[i + 1] + dy;
    }
    out[r] = moved;
  }
  return out;
}

/**
 * The part of a shift (dx, dy), px, that keeps `box` inside an image of this size (the box is
 * assumed to be inside already); used to move objects without pushing them off the image.
 */
export function clampShift(box: Box, dx: number, dy: number, size: { width: number; height: number }): [number, number] {
  return [Math.min(Math.max(dx, -box.minX), size.width - box.maxX), Math.min(Math.max(dy, -box.minY), size.height - box.maxY)];
}

/**
 * A new ring without consecutive duplicate vertices (exactly equal coordinates) and without
 * closing vertices equal to the first (as in formats that repeat the first point). The result
 * can have fewer than 3 vertices; a trailing odd number is ignored.
 */
export function cleanRing(ring: Ring): Ring {
  const out: Ring = [];
  const len = ring.length - (ring.length & 1);
  for (let i = 0; i < len; i += 2) {
    const x = ring[i], y = ring[i + 1];
    const k = out.length;
    if (k > 0 && out[k - 2] === x && out[k - 1] === y) continue;
    out.push(x, y);
  }
  while (out.length > 2 && out[out.length - 2] === out[0] && out[out.length - 1] === out[1]) out.length -= 2;
  return out;
}
