/**
 * Polygons to a label image, by the rule every mask in this app follows: pixel (x, y) belongs
 * to an object when its centre (x + 0.5, y + 0.5) lies inside the object's rings by the
 * even-odd rule (all rings of an object together, so holes and several pieces are exact).
 * Objects are painted in ascending z (ties: input order); a higher object wins shared pixels.
 *
 * Tie rule, for centres exactly on an edge: a pixel is inside when the point just right of and
 * below its centre, (x + 0.5 + ε, y + 0.5 + ε²), is inside, for an infinitesimal ε > 0. In
 * scanline terms: an edge from y0 to y1 crosses the row whose centre line is yc when
 * min(y0, y1) <= yc < max(y0, y1), and a pixel is filled when xIn <= x + 0.5 < xOut. So a
 * rectangle with corners on the pixel grid, or offset by exactly half a pixel, covers exactly
 * as many pixels as its area, and the closed square [0,2] x [0,2] covers pixels 0..1 x 0..1.
 * Traced masks have every vertex on a pixel corner, so no centre ever lies on their edges.
 *
 * Cost: O(crossings + painted pixels) per object; no per-pixel allocation.
 */
import type { Ring } from '../objects';

/** What the rasterizer needs of an object: image-pixel rings and a stacking order. */
export interface Shape {
  rings: readonly Ring[];
  z: number;
}

export interface Overlap {
  /** Input indices: `upper` was painted over `lower` on `pixels` pixels. */
  lower: number;
  upper: number;
  pixels: number;
}

export interface RasterizeReport {
  /** Pixels that two or more objects cover, each counted once. */
  overlapPixels: number;
  /** Per pair of objects, the pixels where the upper one replaced the lower one. */
  overlaps: Overlap[];
  /** Input indices (ascending) of objects left without a pixel: degenerate, too thin to
   * cover a pixel centre, outside the image, or wholly covered by higher objects. */
  emptyObjects: number[];
  /** Visible pixels per input object, after overlaps are resolved. */
  pixelCounts: Uint32Array;
}

export interface Rasterized {
  width: number;
  height: number;
  /** Per pixel, rows top to bottom: 0 for background, else the object's input index + 1. */
  labels: Uint32Array;
  /** Input indices bottom to top: order[k - 1] is object number k (as colours are assigned). */
  order: number[];
  report: RasterizeReport;
}

/**
 * Rasterizes `shapes` into a width x height label image (rule above). Rings with fewer than
 * 3 vertices add nothing; rings with a non-finite coordinate are ignored entirely. Parts
 * outside the image are clipped. `reuse`, when at least width * height long, is cleared and
 * used for the labels (callers that encode and drop the labels save the allocation).
 */
export function rasterizeShapes(shapes: readonly Shape[], width: number, height: number, reuse?: Uint32Array): Rasterized {
  const labels = reuse && reuse.length >= width * height ? reuse.subarray(0, width * height).fill(0) : new Uint32Array(width * height);
  const order = shapes.map((_, i) => i).sort((a, b) => shapes[a].z - shapes[b].z || a - b);
  const pixelCounts = new Uint32Array(shapes.length);
  const pairs = new Map<number, number>(); // lower * count + upper -> pixels
  let overlapFlags: Uint8Array | null = null; // allocated on the first overlap
  let overlapPixels = 0;
  const scratch = new Crossings();

  for (const index of order) {
    const label = index + 1;
    scratch.collect(shapes[index].rings, height);
    scratch.forEachSpan(width, (y, x0, x1) => {
      for (let p = y * width + x0, end = y * width + x1; p < end; p++) {
        const below = labels[p];
        if (below !== 0) {
          overlapFlags ??= new Uint8Array(width * height);
          if (!overlapFlags[p]) {
            overlapFlags[p] = 1;
            overlapPixels++;
          }
          const key = (below - 1) * shapes.length + index;
          pairs.set(key, (pairs.get(key) ?? 0) + 1);
          pixelCounts[below - 1]--;
        }
        labels[p] = label;
      }
      pixelCounts[index] += x1 - x0;
    });
  }

  const overlaps = [...pairs].map(([key, pixels]) => ({ lower: Math.floor(key / shapes.length), upper: key % shapes.length, pixels }));
  const emptyObjects = shapes.map((_, i) => i).filter((i) => pixelCounts[i] === 0);
  return { width, height, labels, order, report: { overlapPixels, overlaps, emptyObjects, pixelCounts } };
}

/**
 * rasterizeShapes for an image too large to hold one label image: `onBand` gets the labels of
 * `bandRows` rows at a time (rows y0 .. y0 + rows - 1; the buffer is reused) with the objects'
 * order bottom to top (the same for every band), each band painted
 * from the shapes shifted up by y0 (those not reaching it left out, their input index kept), so
 * pixels and the report are exactly those of one whole rasterization.
 */
export function rasterizeInBands(shapes: readonly Shape[], width: number, height: number, bandRows: number, onBand: (labels: Uint32Array, y0: number, rows: number, order: number[]) => void): Omit<Rasterized, 'labels'> {
  const spans = shapes.map(({ rings }) => {
    let minY = Infinity, maxY = -Infinity;
    for (const ring of rings) for (let i = 1; i < ring.length; i += 2) (minY = Math.min(minY, ring[i])), (maxY = Math.max(maxY, ring[i]));
    return { minY, maxY };
  });
  const pixelCounts = new Uint32Array(shapes.length);
  const pairs = new Map<string, number>();
  let overlapPixels = 0, order: number[] = [];
  const scratch = new Uint32Array(width * Math.min(bandRows, height));
  for (let y0 = 0; y0 < height; y0 += bandRows) {
    const rows = Math.min(bandRows, height - y0);
    const band = shapes.map((shape, i) => {
      const { minY, maxY } = spans[i];
      // Non-finite coordinates (NaN compares false) go in as they are: rasterizeShapes ignores such rings.
      if (maxY < y0 || minY > y0 + rows) return { rings: [], z: shape.z };
      return { rings: shape.rings.map((ring) => ring.map((value, k) => (k % 2 ? value - y0 : value))), z: shape.z };
    });
    const painted = rasterizeShapes(band, width, rows, scratch);
    order = painted.order;
    painted.report.pixelCounts.forEach((count, i) => (pixelCounts[i] += count));
    for (const { lower, upper, pixels } of painted.report.overlaps) pairs.set(`${lower} ${upper}`, (pairs.get(`${lower} ${upper}`) ?? 0) + pixels);
    overlapPixels += painted.report.overlapPixels;
    onBand(painted.labels, y0, rows, order);
  }
  const overlaps = [...pairs].map(([key, pixels]) => {
    const [lower, upper] = key.split(' ').map(Number);
    return { lower, upper, pixels };
  });
  const emptyObjects = shapes.map((_, i) => i).filter((i) => pixelCounts[i] === 0);
  return { width, height, order, report: { overlapPixels, overlaps, emptyObjects, pixelCounts } };
}

/** Pixels [x0, x0 + width) x [y0, y0 + height) of an image. */
export interface PixelBox {
  x0: number;
  y0: number;
  width: number;
  height: number;
}

/** The smallest pixel-aligned box around the vertices of `rings` (clipped to the image when `bounds` is given). */
export function pixelBoxOf(rings: readonly Ring[], bounds?: { width: number; height: number }): PixelBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i += 2) {
      minX = Math.min(minX, ring[i]);
      maxX = Math.max(maxX, ring[i]);
      minY = Math.min(minY, ring[i + 1]);
      maxY = Math.max(maxY, ring[i + 1]);
    }
  }
  if (!Number.isFinite(minX) || !Number.isFinite(maxX) || !Number.isFinite(minY) || !Number.isFinite(maxY)) return { x0: 0, y0: 0, width: 0, height: 0 };
  const x0 = Math.max(0, Math.floor(minX)), y0 = Math.max(0, Math.floor(minY));
  const x1 = Math.min(bounds?.width ?? Infinity, Math.ceil(maxX)), y1 = Math.min(bounds?.height ?? Infinity, Math.ceil(maxY));
  return { x0, y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

/**
 * One object's pixels in `box` (default: the box around it): `labels` is 1 inside, 0 outside,
 * row by row. For work on a single object without an image-sized buffer.
 */
export function rasterizeLocal(rings: readonly Ring[], box: PixelBox = pixelBoxOf(rings)): Uint32Array {
  const shifted = rings.map((ring) => ring.map((v, i) => v - (i % 2 === 0 ? box.x0 : box.y0)));
  return rasterizeShapes([{ rings: shifted, z: 0 }], box.width, box.height).labels;
}

/** Edge crossings of one object's rings with pixel-centre rows, bucketed by row. */
class Crossings {
  private xs = new Float64Array(1024);
  private rowStart = new Int32Array(0);
  private firstRow = 0;
  private rows = 0;

  /** Collects every crossing of `rings` with the centre lines of rows 0..height-1. */
  collect(rings: readonly Ring[], height: number): void {
    const usable = rings.filter((ring) => ring.length >= 6 && ring.every(Number.isFinite));
    this.rows = 0;
    if (usable.length === 0) return;
    let top = Infinity, bottom = -Infinity;
    for (const ring of usable) {
      for (let i = 1; i < ring.length; i += 2) {
        top = Math.min(top, ring[i]);
        bottom = Math.max(bottom, ring[i]);
      }
    }
    // Rows whose centre line y + 0.5 lies in [top, bottom): see the tie rule.
    this.firstRow = Math.max(0, Math.ceil(top - 0.5));
    this.rows = Math.max(0, Math.min(height, Math.ceil(bottom - 0.5)) - this.firstRow);
    if (this.rows === 0) return;
    if (this.rowStart.length < this.rows + 1) this.rowStart = new Int32Array(2 * this.rows + 1);
    const rowStart = this.rowStart.fill(0, 0, this.rows + 1);
    // Counting pass, then a prefix sum, then the filling pass: crossings grouped by row.
    this.eachEdge(usable, (r0, r1) => {
      for (let r = r0; r < r1; r++) rowStart[r + 1]++;
    });
    for (let r = 0; r < this.rows; r++) rowStart[r + 1] += rowStart[r];
    if (this.xs.length < rowStart[this.rows]) this.xs = new Float64Array(2 * rowStart[this.rows]);
    const fill = rowStart.slice(0, this.rows);
    const xs = this.xs;
    this.eachEdge(usable, (r0, r1, xa, ya, slope) => {
      for (let r = r0; r < r1; r++) xs[fill[r]++] = xa + (this.firstRow + r + 0.5 - ya) * slope;
    });
  }

  /**
   * Calls `span(y, x0, x1)` for every run of filled pixels [x0, x1) in row y, clipped to
   * [0, width): crossings sorted, filled between pairs (even-odd).
   */
  forEachSpan(width: number, span: (y: number, x0: number, x1: number) => void): void {
    const { xs, rowStart } = this;
    for (let r = 0; r < this.rows; r++) {
      const from = rowStart[r], to = rowStart[r + 1];
      sortRange(xs, from, to);
      for (let i = from; i + 1 < to; i += 2) {
        const x0 = Math.max(0, Math.ceil(xs[i] - 0.5)), x1 = Math.min(width, Math.ceil(xs[i + 1] - 0.5));
        if (x1 > x0) span(this.firstRow + r, x0, x1);
      }
    }
  }

  /**
   * Calls `edge(r0, r1, xa, ya, slope)` for every non-horizontal edge, with its rows [r0, r1)
   * relative to firstRow (clipped), its upper end (xa, ya) and dx/dy.
   */
  private eachEdge(rings: Ring[], edge: (r0: number, r1: number, xa: number, ya: number, slope: number) => void): void {
    for (const ring of rings) {
      for (let i = 0, n = ring.length; i < n; i += 2) {
        const j = (i + 2) % n;
        let xa = ring[i], ya = ring[i + 1], xb = ring[j], yb = ring[j + 1];
        if (ya === yb) continue;
        if (ya > yb) [xa, ya, xb, yb] = [xb, yb, xa, ya];
        const r0 = Math.max(0, Math.ceil(ya - 0.5) - this.firstRow);
        const r1 = Math.min(this.rows, Math.ceil(yb - 0.5) - this.firstRow);
        if (r1 > r0) edge(r0, r1, xa, ya, (xb - xa) / (yb - ya));
      }
    }
  }
}

/** Sorts xs[from, to) ascending; insertion sort for the usual handful of crossings. */
export function sortRange(xs: Float64Array, from: number, to: number): void {
  if (to - from > 16) {
    xs.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const v = xs[i];
    let j = i - 1;
    while (j >= from && xs[j] > v) {
      xs[j + 1] = xs[j];
      j--;
    }
    xs[j + 1] = v;
  }
}
