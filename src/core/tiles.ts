/**
 * Images too large for one canvas (more than TILED_SIDE pixels a side, or TILED_PIXELS in all)
 * are kept as a multi-resolution tile pyramid: level 0 is the image itself, each next level
 * halves both sides (rounded up, so level L is ceil(width / 2^L) wide), and the last level is
 * the first that fits in one tile. Each level is cut into tiles of `tileSize` square, the last
 * column and row narrower. A level-L pixel (x, y) covers image pixels [x·2^L, (x+1)·2^L) ×
 * [y·2^L, (y+1)·2^L) (clipped to the image) and holds their mean.
 *
 * Samples are what the image's display is rendered from: the 8-bit image for 8-bit sources, the
 * original 16-bit samples for 16-bit ones (so the display window can still change).
 */
import type { BitDepth, Channels } from './raster';

/** Canvas limits browsers share (Chromium, Firefox, Safari): 16384 a side; larger images are tiled. */
export const TILED_SIDE = 16384;
/** Above this many pixels an image is tiled too: one RGBA canvas of it would take 256 MB. */
export const TILED_PIXELS = 64 * 2 ** 20;
/** Tile side in pixels: 256 KB per 8-bit grey tile, 1 MB of RGBA canvas when shown. */
export const TILE_SIZE = 512;

export interface PyramidLevel {
  width: number;
  height: number;
  columns: number;
  rows: number;
}

/** Where an image's tiles are and how they are laid out; kept in its pixels record. */
export interface Pyramid {
  width: number;
  height: number;
  channels: Channels;
  bitDepth: BitDepth;
  tileSize: number;
  /** Level 0 first (full resolution); the last fits in one tile. */
  levels: PyramidLevel[];
}

/** Tile samples, rows top to bottom, interleaved channels (as a Raster's data). */
export type TileSamples = Uint8Array | Uint16Array;

export interface Tile {
  level: number;
  /** row · columns + column within its level. */
  index: number;
  data: TileSamples;
}

/** Whether an image of this size is kept as tiles rather than as one raster. */
export function needsTiles(width: number, height: number): boolean {
  return width > TILED_SIDE || height > TILED_SIDE || width * height > TILED_PIXELS;
}

export function pyramidLayout(width: number, height: number, channels: Channels, bitDepth: BitDepth, tileSize = TILE_SIZE): Pyramid {
  const levels: PyramidLevel[] = [];
  for (let w = width, h = height; ; w = Math.ceil(w / 2), h = Math.ceil(h / 2)) {
    levels.push({ width: w, height: h, columns: Math.ceil(w / tileSize), rows: Math.ceil(h / tileSize) });
    if (w <= tileSize && h <= tileSize) break;
  }
  return { width, height, channels, bitDepth, tileSize, levels };
}

/** A tile's rectangle in its level's pixels. */
export function tileRect(pyramid: Pyramid, level: number, index: number): { x: number; y: number; width: number; height: number } {
  const { columns, width, height } = pyramid.levels[level];
  const size = pyramid.tileSize;
  const x = (index % columns) * size, y = Math.floor(index / columns) * size;
  return { x, y, width: Math.min(size, width - x), height: Math.min(size, height - y) };
}

/**
 * The level to show at `zoom` (screen pixels per image pixel): the coarsest whose pixels are
 * still no larger than a screen pixel (2^L · zoom <= 1), so the view is as sharp as level 0
 * while drawing at most ~4 level pixels per screen pixel.
 */
export function levelForZoom(pyramid: Pyramid, zoom: number): number {
  const level = Math.floor(Math.log2(1 / zoom));
  return Math.max(0, Math.min(pyramid.levels.length - 1, level));
}

/**
 * The tiles of `level` that a box in image pixels touches (empty outside the image), by index,
 * row by row.
 */
export function tilesInBox(pyramid: Pyramid, level: number, box: { minX: number; minY: number; maxX: number; maxY: number }): number[] {
  const { columns, rows } = pyramid.levels[level];
  const span = pyramid.tileSize * 2 ** level; // image pixels per tile
  const clamp = (value: number, last: number) => Math.max(0, Math.min(last, Math.floor(value / span)));
  if (box.maxX <= 0 || box.maxY <= 0 || box.minX >= pyramid.width || box.minY >= pyramid.height) return [];
  const tiles: number[] = [];
  for (let row = clamp(box.minY, rows - 1); row <= clamp(box.maxY, rows - 1); row++) {
    for (let column = clamp(box.minX, columns - 1); column <= clamp(box.maxX, columns - 1); column++) tiles.push(row * columns + column);
  }
  return tiles;
}

/** The tile of a coarser level (`level + up`) that holds tile `index` of `level`. */
export function ancestorTile(pyramid: Pyramid, level: number, index: number, up: number): number {
  const { columns } = pyramid.levels[level];
  const column = (index % columns) >> up, row = Math.floor(index / columns) >> up;
  return row * pyramid.levels[level + up].columns + column;
}

/** One level's rows being collected into a band of tiles, and the row waiting for its pair. */
interface LevelState {
  band: TileSamples;
  rowsInBand: number;
  bandRow: number;
  pending: TileSamples | null;
}

/**
 * Builds a pyramid from level-0 rows given in order, top to bottom, holding about two bands of
 * `tileSize` rows per level (~2 · width · tileSize samples in all), never the whole image.
 * Finished tiles go to `onTile` as soon as their band is complete; the last level's single tile
 * comes last. Also tallies the histogram of every level-0 sample (256 or 65536 bins).
 */
export class PyramidBuilder {
  readonly histogram: Uint32Array;
  private readonly states: LevelState[];
  private rowsIn = 0;

  constructor(
    readonly pyramid: Pyramid,
    private readonly onTile: (tile: Tile) => void,
  ) {
    this.histogram = new Uint32Array(pyramid.bitDepth === 8 ? 256 : 65536);
    this.states = pyramid.levels.map((level) => ({ band: this.samples(level.width * pyramid.channels * Math.min(pyramid.tileSize, level.height)), rowsInBand: 0, bandRow: 0, pending: null }));
  }

  /** Adds `count` level-0 rows, `width · channels` samples each, from the start of `samples`. */
  pushRows(samples: TileSamples, count: number): void {
    const rowLength = this.pyramid.width * this.pyramid.channels;
    if (this.rowsIn + count > this.pyramid.height) throw new Error(`more rows than the image's ${this.pyramid.height}`);
    for (let y = 0; y < count; y++) {
      const row = samples.subarray(y * rowLength, (y + 1) * rowLength);
      for (let i = 0; i < row.length; i++) this.histogram[row[i]]++;
      this.addRow(0, row);
    }
    this.rowsIn += count;
  }

  /** Emits what is left: each level's last odd row goes down alone, then its last band. */
  finish(): void {
    if (this.rowsIn !== this.pyramid.height) throw new Error(`${this.rowsIn} rows given of the image's ${this.pyramid.height}`);
    for (let level = 0; level < this.states.length; level++) {
      const state = this.states[level];
      if (state.pending) this.addRow(level + 1, this.halved(level, state.pending, null));
      state.pending = null;
      if (state.rowsInBand > 0) this.emitBand(level);
    }
  }

  private samples(length: number): TileSamples {
    return this.pyramid.bitDepth === 8 ? new Uint8Array(length) : new Uint16Array(length);
  }

  private addRow(level: number, row: TileSamples): void {
    const state = this.states[level];
    const { width } = this.pyramid.levels[level];
    const rowLength = width * this.pyramid.channels;
    state.band.set(row, state.rowsInBand * rowLength);
    state.rowsInBand++;
    if (level + 1 < this.states.length) {
      if (state.pending) {
        this.addRow(level + 1, this.halved(level, state.pending, row));
        state.pending = null;
      } else state.pending = level === 0 ? row.slice() : row; // level 0's rows are views of the decoder's band; the others are ours
    }
    if (state.rowsInBand === this.pyramid.tileSize) this.emitBand(level);
  }

  /** The next level's row from two rows of `level` (the second null at an odd last row): means of 2 x 2 blocks. */
  private halved(level: number, upper: TileSamples, lower: TileSamples | null): TileSamples {
    const { width } = this.pyramid.levels[level];
    const channels = this.pyramid.channels;
    const out = this.samples(this.pyramid.levels[level + 1].width * channels);
    for (let x = 0, o = 0; x < width; x += 2) {
      const pair = x + 1 < width;
      const n = (pair ? 2 : 1) * (lower ? 2 : 1);
      for (let c = 0; c < channels; c++, o++) {
        const i = x * channels + c;
        let sum = upper[i] + (pair ? upper[i + channels] : 0);
        if (lower) sum += lower[i] + (pair ? lower[i + channels] : 0);
        out[o] = Math.floor((sum + (n >> 1)) / n);
      }
    }
    return out;
  }

  private emitBand(level: number): void {
    const state = this.states[level];
    const { width, columns } = this.pyramid.levels[level];
    const { tileSize, channels } = this.pyramid;
    const row = state.bandRow;
    for (let column = 0; column < columns; column++) {
      const x = column * tileSize, tileWidth = Math.min(tileSize, width - x);
      const data = this.samples(tileWidth * state.rowsInBand * channels);
      for (let y = 0; y < state.rowsInBand; y++) {
        const from = (y * width + x) * channels;
        data.set(state.band.subarray(from, from + tileWidth * channels), y * tileWidth * channels);
      }
      this.onTile({ level, index: row * columns + column, data });
    }
    state.bandRow++;
    state.rowsInBand = 0;
  }
}
