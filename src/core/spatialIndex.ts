/**
 * Hit-testing support: a uniform grid over the image that finds the objects whose bounding
 * boxes contain a point or meet a box, without looking at every object. Boxes are in image
 * pixels and closed (see Box in ./geometry).
 */
import type { Box } from './geometry';

interface Entry {
  id: string;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Cell range the entry is listed in, inclusive; c0 > c1 when listed nowhere (empty box). */
  c0: number;
  r0: number;
  c1: number;
  r1: number;
  /** Number of the last candidatesIn query that returned this entry: dedup without a Set. */
  seen: number;
}

/**
 * A grid of cellSize x cellSize px cells over a width x height px image; each cell lists the
 * entries whose boxes overlap it. Boxes partly or wholly outside the image are clamped into the
 * border cells, so they are still found by queries there (and by queries outside the image,
 * which are clamped the same way). Results are candidates: exactly the ids whose boxes contain
 * the point or intersect the box (closed boxes, so touching counts), in no particular order;
 * the caller does the exact test on the shape. An empty box (min > max, or NaN) is stored but
 * never found.
 *
 * Cost: set/delete touch the cells the box covers; queries touch the cells under the point or
 * box and their entries. With nuclei of a few tens of px, 64 px cells hold a handful each.
 */
export class SpatialIndex {
  private readonly cellSize: number;
  private readonly cols: number;
  private readonly rows: number;
  /** Row-major; undefined until something lands in the cell. */
  private cells: (Entry[] | undefined)[];
  private entries = new Map<string, Entry>();
  private query = 0;

  /** width, height: the image in px (≥ 0); cellSize: grid spacing in px, default 64. */
  constructor(width: number, height: number, cellSize = 64) {
    if (!(cellSize > 0) || !Number.isFinite(cellSize)) throw new RangeError(`cellSize must be a positive number of pixels, got ${cellSize}`);
    this.cellSize = cellSize;
    this.cols = Math.max(1, Math.ceil(width / cellSize) || 1);
    this.rows = Math.max(1, Math.ceil(height / cellSize) || 1);
    this.cells = new Array(this.cols * this.rows);
  }

  /** Number of ids stored. */
  get size(): number {
    return this.entries.size;
  }

  /** Inserts `id` with `box` (copied), or moves it if present. */
  set(id: string, box: Box): void {
    const { minX, minY, maxX, maxY } = box;
    const empty = !(minX <= maxX && minY <= maxY);
    const c0 = empty ? 1 : this.col(minX), c1 = empty ? 0 : this.col(maxX);
    const r0 = empty ? 1 : this.row(minY), r1 = empty ? 0 : this.row(maxY);
    let entry = this.entries.get(id);
    if (entry && entry.c0 === c0 && entry.c1 === c1 && entry.r0 === r0 && entry.r1 === r1) {
      // Small moves (dragging a vertex) usually stay in the same cells: no list updates.
      entry.minX = minX;
      entry.minY = minY;
      entry.maxX = maxX;
      entry.maxY = maxY;
      return;
    }
    if (entry) this.unlist(entry);
    entry = { id, minX, minY, maxX, maxY, c0, r0, c1, r1, seen: 0 };
    this.entries.set(id, entry);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const k = r * this.cols + c;
        const cell = this.cells[k];
        if (cell) cell.push(entry);
        else this.cells[k] = [entry];
      }
    }
  }

  /** Removes `id`; does nothing if absent. */
  delete(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.unlist(entry);
    this.entries.delete(id);
  }

  /** Ids whose boxes contain (x, y) px, boundary included. */
  candidatesAt(x: number, y: number): string[] {
    const out: string[] = [];
    const cell = this.cells[this.row(y) * this.cols + this.col(x)];
    if (!cell) return out;
    for (let i = 0; i < cell.length; i++) {
      const e = cell[i];
      if (e.minX <= x && x <= e.maxX && e.minY <= y && y <= e.maxY) out.push(e.id);
    }
    return out;
  }

  /** Ids whose boxes intersect `box` (touching counts), each once. */
  candidatesIn(box: Box): string[] {
    const out: string[] = [];
    const { minX, minY, maxX, maxY } = box;
    if (!(minX <= maxX && minY <= maxY)) return out;
    const c0 = this.col(minX), c1 = this.col(maxX), r0 = this.row(minY), r1 = this.row(maxY);
    const q = ++this.query;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = this.cells[r * this.cols + c];
        if (!cell) continue;
        for (let i = 0; i < cell.length; i++) {
          const e = cell[i];
          if (e.seen === q) continue;
          e.seen = q;
          if (e.minX <= maxX && minX <= e.maxX && e.minY <= maxY && minY <= e.maxY) out.push(e.id);
        }
      }
    }
    return out;
  }

  /** Removes everything. */
  clear(): void {
    this.cells = new Array(this.cols * this.rows);
    this.entries.clear();
  }

  /** Column of x px, clamped to the grid (NaN goes to column 0). */
  private col(x: number): number {
    const c = Math.floor(x / this.cellSize);
    return c >= 0 ? (c < this.cols ? c : this.cols - 1) : 0;
  }

  private row(y: number): number {
    const r = Math.floor(y / this.cellSize);
    return r >= 0 ? (r < this.rows ? r : this.rows - 1) : 0;
  }

  private unlist(entry: Entry): void {
    for (let r = entry.r0; r <= entry.r1; r++) {
      for (let c = entry.c0; c <= entry.c1; c++) {
        const cell = this.cells[r * this.cols + c];
        if (!cell) continue;
        const i = cell.indexOf(entry);
        if (i < 0) continue;
        // Order within a cell does not matter: swap with the last instead of shifting.
        cell[i] = cell[cell.length - 1];
        cell.pop();
      }
    }
  }
}
