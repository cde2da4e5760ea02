/**
 * Exact area of the even-odd fill of any set of rings, crossing or not. Rings of an object may
 * touch or share corners (masks traced along pixel edges do) and drawn rings may cross
 * themselves; the signed shoelace sum of the rings is only right when they do neither, so this
 * integrates the fill directly instead.
 */
import type { Ring } from '../objects';

// Scratch space reused across calls (JavaScript runs one call at a time per thread, and each
// worker has its own copy): objectArea allocates nothing once these have grown.
let top = new Float64Array(64); // edges oriented downwards: y at the top,
let bottom = new Float64Array(64); // y at the bottom,
let xTop = new Float64Array(64); // x at the top,
let slope = new Float64Array(64); // dx/dy
let levels = new Float64Array(128); // every vertex height: the slab boundaries
let order = new Uint32Array(64); // edges sorted by top
let active = new Uint32Array(64); // edges spanning the current slab
let xa = new Float64Array(64); // their x at the slab top,
let xb = new Float64Array(64); // at the slab bottom,
let key = new Float64Array(64); // and twice at mid-height (the sort key)
const byTop = (a: number, b: number): number => top[a] - top[b];

function grow(edges: number): void {
  if (edges <= top.length) return;
  const n = Math.max(edges, 2 * top.length);
  top = new Float64Array(n);
  bottom = new Float64Array(n);
  xTop = new Float64Array(n);
  slope = new Float64Array(n);
  levels = new Float64Array(2 * n);
  order = new Uint32Array(n);
  active = new Uint32Array(n);
  xa = new Float64Array(n);
  xb = new Float64Array(n);
  key = new Float64Array(n);
}

/**
 * Area in px² covered by the object under the even-odd rule (what rasterization fills). For
 * non-overlapping nested rings this is outer minus holes; a bow-tie counts both lobes; a ring
 * repeated twice covers nothing. Exact up to floating-point rounding.
 *
 * Method: a sweep over horizontal slabs between consecutive vertex heights. Inside a slab every
 * non-horizontal edge crosses from top to bottom, so the filled width at height y is
 * (x2 - x1) + (x4 - x3) + … over the sorted crossings, linear in y while the order of the edges
 * does not change; the trapezoid rule is then exact. Slabs in which edges cross are cut again
 * at the crossing heights. Cost O(n log n) plus O(k²) in slabs where k edges cross.
 */
export function objectArea(rings: Ring[]): number {
  let edgeCount = 0;
  for (let r = 0; r < rings.length; r++) edgeCount += rings[r].length >> 1;
  grow(edgeCount);
  let m = 0;
  for (let r = 0; r < rings.length; r++) {
    const ring = rings[r];
    const len = ring.length - (ring.length & 1);
    if (len < 6) continue;
    let x1 = ring[len - 2], y1 = ring[len - 1];
    for (let i = 0; i < len; i += 2) {
      const x2 = ring[i], y2 = ring[i + 1];
      if (y1 !== y2) {
        // Horizontal edges span no slab and contribute nothing.
        const down = y1 < y2;
        top[m] = down ? y1 : y2;
        bottom[m] = down ? y2 : y1;
        xTop[m] = down ? x1 : x2;
        slope[m] = (x2 - x1) / (y2 - y1);
        levels[2 * m] = y1;
        levels[2 * m + 1] = y2;
        order[m] = m;
        m++;
      }
      x1 = x2;
      y1 = y2;
    }
  }
  if (m < 2) return 0;

  order.subarray(0, m).sort(byTop);
  const ys = levels.subarray(0, 2 * m).sort();
  let activeCount = 0;
  let next = 0;
  let area = 0;
  for (let l = 0; l + 1 < ys.length; l++) {
    const y0 = ys[l], y1 = ys[l + 1];
    if (y1 === y0) continue;
    // Every level is some edge's end, so edges start and stop exactly on slab boundaries.
    let w = 0;
    for (let r = 0; r < activeCount; r++) if (bottom[active[r]] > y0) active[w++] = active[r];
    activeCount = w;
    while (next < m && top[order[next]] <= y0) active[activeCount++] = order[next++];
    if (activeCount >= 2) area += slabArea(activeCount, y0, y1);
  }
  return area;
}

function xAt(e: number, y: number): number {
  return xTop[e] + (y - top[e]) * slope[e];
}

/** Filled area of the slab y0..y1 crossed by the first `count` active edges. */
function slabArea(count: number, y0: number, y1: number): number {
  if (sortAt(count, y0, y1)) return trapezoids(count, y0, y1);
  // Some edges cross inside the slab: integrate between consecutive crossing heights, within
  // which the order is fixed by construction (so no further check: rounding cannot loop).
  // Rare (only where outlines cross), so plain arrays are fine here.
  const cuts = [y0, y1];
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      const a = active[i], b = active[j];
      const ds = slope[a] - slope[b];
      if (ds === 0) continue;
      // Solved relative to y0, where both x are known, to keep the rounding small.
      const y = y0 + (xAt(b, y0) - xAt(a, y0)) / ds;
      if (y > y0 && y < y1) cuts.push(y);
    }
  }
  cuts.sort((p, q) => p - q);
  let area = 0;
  for (let c = 0; c + 1 < cuts.length; c++) {
    if (cuts[c + 1] === cuts[c]) continue;
    sortAt(count, cuts[c], cuts[c + 1]);
    area += trapezoids(count, cuts[c], cuts[c + 1]);
  }
  return area;
}

/**
 * Fills xa/xb with the active edges' x at y0 and y1, sorted by x at mid-height (insertion sort:
 * a slab usually holds a handful of edges). Returns whether that order is also sorted at both
 * ends, i.e. no two edges cross strictly inside the slab.
 */
function sortAt(count: number, y0: number, y1: number): boolean {
  for (let i = 0; i < count; i++) {
    const e = active[i];
    const a = xAt(e, y0);
    const b = xAt(e, y1);
    const mid = a + b;
    let j = i;
    while (j > 0 && key[j - 1] > mid) {
      key[j] = key[j - 1];
      xa[j] = xa[j - 1];
      xb[j] = xb[j - 1];
      j--;
    }
    key[j] = mid;
    xa[j] = a;
    xb[j] = b;
  }
  for (let i = 1; i < count; i++) if (xa[i] < xa[i - 1] || xb[i] < xb[i - 1]) return false;
  return true;
}

/** Even-odd filled area between y0 and y1 from the sorted crossings (pairs 1-2, 3-4, …). */
function trapezoids(count: number, y0: number, y1: number): number {
  let width = 0;
  // An odd count cannot happen for closed rings; a stray last edge is ignored.
  for (let i = 0; i + 1 < count; i += 2) width += xa[i + 1] - xa[i] + xb[i + 1] - xb[i];
  return (width / 2) * (y1 - y0);
}
