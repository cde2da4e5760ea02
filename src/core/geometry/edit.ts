/**
 * Picking and editing vertices. Coordinates and distances are image pixels. Editing functions
 * never mutate their input: they return new rings (removeVertex returns its input when it
 * refuses), so rings can be shared with undo history and React state.
 */
import type { Ring } from '../objects';

/** A vertex near a point: rings[ring] vertex `index` (coordinates at 2*index, 2*index+1). */
export interface VertexHit {
  ring: number;
  index: number;
  /** Euclidean distance in px. */
  distance: number;
}

/**
 * The vertex closest to (x, y), if within maxDistance px (inclusive); null otherwise. Ties go
 * to the earlier ring, then the lower index.
 */
export function nearestVertex(rings: Ring[], x: number, y: number, maxDistance: number): VertexHit | null {
  let best = maxDistance * maxDistance;
  let bestRing = -1, bestIndex = -1;
  for (let r = 0; r < rings.length; r++) {
    const ring = rings[r];
    for (let i = 0; i + 1 < ring.length; i += 2) {
      const dx = ring[i] - x, dy = ring[i + 1] - y;
      const d2 = dx * dx + dy * dy;
      if (d2 < best || (d2 === best && bestRing < 0)) {
        best = d2;
        bestRing = r;
        bestIndex = i >> 1;
      }
    }
  }
  return bestRing < 0 ? null : { ring: bestRing, index: bestIndex, distance: Math.sqrt(best) };
}

function checkIndex(ring: Ring, index: number, name: string, lowest = 0): void {
  if (!Number.isInteger(index) || index < lowest || index >= ring.length >> 1) {
    throw new RangeError(`${name} ${index} is not a vertex of a ring with ${ring.length >> 1} vertices`);
  }
}

/**
 * A new ring without vertex `index`. A ring of 3 or fewer vertices is returned as is (the same
 * array, so callers can tell by identity that nothing was removed). Throws RangeError for an
 * index that is not a vertex.
 */
export function removeVertex(ring: Ring, index: number): Ring {
  checkIndex(ring, index, 'index');
  if (ring.length >> 1 <= 3) return ring;
  const out = ring.slice();
  out.splice(2 * index, 2);
  return out;
}

/**
 * A new ring with (x, y) inserted after vertex `afterIndex`, i.e. on the edge from it to the
 * next vertex; the new vertex gets index afterIndex + 1. afterIndex = last vertex puts it on
 * the closing edge (appended at the end); -1 puts it before vertex 0 (geometrically the same).
 * Throws RangeError for anything else out of range.
 */
export function insertVertex(ring: Ring, afterIndex: number, x: number, y: number): Ring {
  checkIndex(ring, afterIndex, 'afterIndex', -1);
  const out = ring.slice();
  out.splice(2 * afterIndex + 2, 0, x, y);
  return out;
}

/** A new ring with vertex `index` at (x, y). Throws RangeError for an index out of range. */
export function moveVertex(ring: Ring, index: number, x: number, y: number): Ring {
  checkIndex(ring, index, 'index');
  const out = ring.slice();
  out[2 * index] = x;
  out[2 * index + 1] = y;
  return out;
}

/**
 * CVAT's redraw: replaces the part of `ring` between vertex `from` and vertex `to` with `path`
 * (flat x,y list of the points strictly between them, in order from `from` to `to`; may be
 * empty). Of the two arcs between from and to, the one with fewer vertices strictly between is
 * replaced; on a tie, the one with the shorter polyline length (px); on a tie of that too, the
 * arc running forwards (increasing indices) from `from`. Both `from` and `to` are kept, and the
 * result keeps the ring's direction (path is reversed when the replaced arc runs backwards), so
 * the sign of ringArea only changes if the new path makes it.
 *
 * Vertex 0 stays first when it is kept; otherwise the result starts at the kept endpoint that
 * begins the kept arc. The result is not cleaned: call cleanRing if the path may start at
 * `from` or end at `to`. Throws RangeError when from === to, either is out of range or path
 * has an odd length.
 */
export function replaceRingSection(ring: Ring, from: number, to: number, path: number[]): Ring {
  checkIndex(ring, from, 'from');
  checkIndex(ring, to, 'to');
  if (from === to) throw new RangeError(`replaceRingSection needs two different vertices, got ${from} twice`);
  if (path.length % 2 !== 0) throw new RangeError(`path has an odd number of coordinates (${path.length})`);
  const n = ring.length >> 1;
  const forwardInside = (to - from - 1 + n) % n;
  const backwardInside = n - 2 - forwardInside;
  let forward = forwardInside < backwardInside;
  if (forwardInside === backwardInside) forward = arcLength(ring, from, to) <= arcLength(ring, to, from);
  if (forward) return replaceForwardArc(ring, from, to, path);
  const reversed: number[] = new Array(path.length);
  for (let i = 0; i < path.length; i += 2) {
    reversed[path.length - 2 - i] = path[i];
    reversed[path.length - 1 - i] = path[i + 1];
  }
  return replaceForwardArc(ring, to, from, reversed);
}

/** Length in px of the polyline from vertex a forwards (wrapping) to vertex b. */
function arcLength(ring: Ring, a: number, b: number): number {
  const n = ring.length >> 1;
  let length = 0;
  for (let i = a; i !== b; ) {
    const j = (i + 1) % n;
    length += Math.hypot(ring[2 * j] - ring[2 * i], ring[2 * j + 1] - ring[2 * i + 1]);
    i = j;
  }
  return length;
}

/** Replaces the vertices strictly between a and b, going forwards from a, with `path`. */
function replaceForwardArc(ring: Ring, a: number, b: number, path: number[]): Ring {
  if (a < b) return [...ring.slice(0, 2 * a + 2), ...path, ...ring.slice(2 * b)];
  // The arc wraps past the end, so vertex 0 goes; the kept arc b..a comes first.
  return [...ring.slice(2 * b, 2 * a + 2), ...path];
}

/** Midpoints of every edge (closing edges included), where the insert handles of a selected object sit. */
export function edgeMidpoints(rings: Ring[]): Array<{ ring: number; index: number; x: number; y: number }> {
  return rings.flatMap((ring, r) => {
    const n = ring.length >> 1;
    return Array.from({ length: n }, (_, i) => {
      const j = (i + 1) % n;
      return { ring: r, index: i, x: (ring[2 * i] + ring[2 * j]) / 2, y: (ring[2 * i + 1] + ring[2 * j + 1]) / 2 };
    });
  });
}
