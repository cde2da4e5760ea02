/**
 * Exact area of the even-odd fill of any set of rings, crossing or not. Rings of an object may
 * touch or share corners (masks traced along pixel edges do) and drawn rings may cross
 * themselves; the signed shoelace sum of the rings is only right when they do neither, so this
 * integrates the fill directly instead.
 */
import type { Ring } from '../objects';

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
  for (const ring of rings) edgeCount += ring.length >> 1;
  // Edges oriented downwards: top y, bottom y, x at top, dx/dy.
  const top = new Float64Array(edgeCount);
  const bottom = new Float64Array(edgeCount);
  const xTop = new Float64Array(edgeCount);
  const slope = new Float64Array(edgeCount);
  const ys = new Float64Array(2 * edgeCount);
  let m = 0;
  for (const ring of rings) {
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
        ys[2 * m] = y1;
        ys[2 * m + 1] = y2;
        m++;
      }
      x1 = x2;
      y1 = y2;
    }
  }
  if (m < 2) return 0;

  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => top[a] - top[b]);
  const levels = ys.subarray(0, 2 * m).sort();
  const active: number[] = [];
  const slab = new SlabIntegrator(top, xTop, slope);
  let next = 0;
  let area = 0;
  for (let l = 0; l + 1 < levels.length; l++) {
    const y0 = levels[l], y1 = levels[l + 1];
    if (y1 === y0) continue;
    // Every level is some edge's end, so edges start and stop exactly on slab boundaries.
    let w = 0;
    for (let r = 0; r < active.length; r++) if (bottom[active[r]] > y0) active[w++] = active[r];
    active.length = w;
    while (next < m && top[order[next]] <= y0) active.push(order[next++]);
    if (active.length >= 2) area += slab.area(active, y0, y1);
  }
  return area;
}

/** Integrates one slab; keeps its scratch arrays between slabs. */
class SlabIntegrator {
  private xa: number[] = [];
  private xb: number[] = [];
  private key: number[] = [];
  constructor(
    private readonly top: Float64Array,
    private readonly xTop: Float64Array,
    private readonly slope: Float64Array,
  ) {}

  area(edges: number[], y0: number, y1: number): number {
    if (this.sortAt(edges, y0, y1)) return this.trapezoids(y0, y1);
    // Some edges cross inside the slab: integrate between consecutive crossing heights, within
    // which the order is fixed by construction (so no further check: rounding cannot loop).
    const cuts = [y0, y1];
    for (let i = 0; i < edges.length; i++) {
      for (let j = i + 1; j < edges.length; j++) {
        const a = edges[i], b = edges[j];
        const ds = this.slope[a] - this.slope[b];
        if (ds === 0) continue;
        // Solved relative to y0, where both x are known, to keep the rounding small.
        const y = y0 + (this.xAt(b, y0) - this.xAt(a, y0)) / ds;
        if (y > y0 && y < y1) cuts.push(y);
      }
    }
    cuts.sort((p, q) => p - q);
    let area = 0;
    for (let c = 0; c + 1 < cuts.length; c++) {
      if (cuts[c + 1] === cuts[c]) continue;
      this.sortAt(edges, cuts[c], cuts[c + 1]);
      area += this.trapezoids(cuts[c], cuts[c + 1]);
    }
    return area;
  }

  private xAt(e: number, y: number): number {
    return this.xTop[e] + (y - this.top[e]) * this.slope[e];
  }

  /**
   * Fills xa/xb with the edges' x at y0 and y1, sorted by x at mid-height (insertion sort: a
   * slab usually holds a handful of edges). Returns whether that order is also sorted at both
   * ends, i.e. no two edges cross strictly inside the slab.
   */
  private sortAt(edges: number[], y0: number, y1: number): boolean {
    const { xa, xb, key, top, xTop, slope } = this;
    const k = edges.length;
    xa.length = xb.length = key.length = k;
    for (let i = 0; i < k; i++) {
      const e = edges[i];
      const a = xTop[e] + (y0 - top[e]) * slope[e];
      const b = xTop[e] + (y1 - top[e]) * slope[e];
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
    for (let i = 1; i < k; i++) if (xa[i] < xa[i - 1] || xb[i] < xb[i - 1]) return false;
    return true;
  }

  /** Even-odd filled area between y0 and y1 from the sorted crossings (pairs 1-2, 3-4, …). */
  private trapezoids(y0: number, y1: number): number {
    const { xa, xb } = this;
    let width = 0;
    // An odd count cannot happen for closed rings; a stray last edge is ignored.
    for (let i = 0; i + 1 < xa.length; i += 2) width += xa[i + 1] - xa[i] + xb[i + 1] - xb[i];
    return (width / 2) * (y1 - y0);
  }
}
