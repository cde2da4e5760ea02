/**
 * Label image to rings, along pixel edges: every vertex sits on a pixel corner (integer image
 * coordinates), so no pixel centre lies on an edge and re-rasterizing (rasterize.ts) gives back
 * exactly the traced pixels.
 *
 * Each boundary is walked with the object on its right (outer rings clockwise on screen, holes
 * counter-clockwise); vertices are kept only where the direction changes, so straight runs are
 * one edge. Where two pixels of an object touch only at a corner, the walk turns towards its own
 * pixel, so every 4-connected piece gets its own outer ring and the two rings share that corner
 * vertex. Why this is exact: the rings together use each boundary edge of the object exactly
 * once, and a ray from a pixel centre crosses that edge set an odd number of times exactly when
 * the pixel belongs to the object; the even-odd rule over all rings is that parity.
 */
import type { Ring } from '../objects';

const EAST = 0, SOUTH = 1, WEST = 2; // NORTH = 3; clockwise: +1 turns right, +3 turns left

/**
 * Rings per label: rings[k - 1] holds the rings of label k (1..count); 0 is background.
 * `labels` has width * height entries, rows top to bottom, each in 0..count.
 * A label without pixels gets no rings. Rings are flat x0, y0, x1, y1, … lists (closed
 * implicitly), outer ring of each piece first in raster order of their top-left pixels.
 */
export function traceLabels(labels: Uint32Array, width: number, height: number, count: number): Traced {
  const rings: Ring[][] = Array.from({ length: count }, () => []);
  const counts = new Uint32Array(count + 1);
  const grid: Grid = {
    labels,
    width,
    height,
    horizontal: new Uint8Array((height + 1) * width),
    vertical: new Uint8Array(height * (width + 1)),
  };
  const horizontal = grid.horizontal; // a local: the scan below is the hot loop
  // Every ring, outer or hole, has an eastward edge (it must travel right somewhere): the top
  // edge of one of the object's pixels whose upper neighbour is not the object.
  for (let p = 0, n = labels.length; p < n; p++) {
    const label = labels[p];
    if (label === 0) continue;
    counts[label]++;
    if ((p >= width && labels[p - width] === label) || horizontal[p] & 1) continue;
    rings[label - 1].push(walk(grid, label, p % width, Math.floor(p / width)));
  }
  return { rings, pixelCounts: Array.from(counts.subarray(1)) };
}

export interface Traced {
  /** rings[k - 1]: the rings of label k. */
  rings: Ring[][];
  /** pixelCounts[k - 1]: the pixels of label k (counted on the way). */
  pixelCounts: number[];
}

interface Grid {
  labels: Uint32Array;
  width: number;
  height: number;
  /**
   * Directed boundary edges already walked. Horizontal edge (x, y) runs from corner (x, y) to
   * (x + 1, y): bit 1 eastward (object below), bit 2 westward (object above). Vertical edge
   * (x, y) runs from (x, y) to (x, y + 1): bit 1 southward (object left), 2 northward (right).
   */
  horizontal: Uint8Array;
  vertical: Uint8Array;
}

/** Walks the boundary that starts eastward along the top edge of pixel (startX, startY). */
function walk(grid: Grid, label: number, startX: number, startY: number): Ring {
  const { labels, width, height, horizontal, vertical } = grid;
  const at = (x: number, y: number): number => (x < 0 || y < 0 || x >= width || y >= height ? 0 : labels[y * width + x]);
  const ring: Ring = [];
  let x = startX, y = startY, dir = EAST;
  do {
    if (dir === EAST) horizontal[y * width + x++] |= 1;
    else if (dir === SOUTH) vertical[y++ * (width + 1) + x] |= 1;
    else if (dir === WEST) horizontal[y * width + --x] |= 2;
    else vertical[--y * (width + 1) + x] |= 2;
    // The two pixels ahead of corner (x, y): to the right and to the left of the heading.
    let right: number, left: number;
    if (dir === EAST) (right = at(x, y)), (left = at(x, y - 1));
    else if (dir === SOUTH) (right = at(x - 1, y)), (left = at(x, y));
    else if (dir === WEST) (right = at(x - 1, y - 1)), (left = at(x - 1, y));
    else (right = at(x, y - 1)), (left = at(x - 1, y - 1));
    // Turning right whenever the pixel ahead-right is not ours also settles corner-only
    // contact (ahead-left ours, ahead-right not): the walk stays on its own piece.
    const next = right !== label ? (dir + 1) & 3 : left !== label ? dir : (dir + 3) & 3;
    if (next !== dir) ring.push(x, y);
    dir = next;
  } while (x !== startX || y !== startY || dir !== EAST);
  return ring;
}
