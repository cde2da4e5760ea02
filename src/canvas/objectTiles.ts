import type { Box } from '../core/geometry';
import type { AnnotationObject } from '../core/objects';
import type { OverlayMode } from '../store/store';
import { drawObjects } from './drawObjects';

/** Side of a tile in device pixels: small enough that one tile draws within a frame's budget. */
export const TILE_PX = 256;
/** Objects drawn per slice of a tile: a slice is the unit of work between checks of the clock. */
const CHUNK = 150;
/** Tiles kept per level; those farthest from the view go first. */
const MAX_TILES = 100;

export interface TileScene {
  objects: ReadonlyMap<string, AnnotationObject>;
  /** The selected objects: drawn by the selection layer instead. */
  excluded: ReadonlySet<string>;
  overlay: { mode: OverlayMode; opacity: number };
  /** Ids of the objects whose boxes meet an image-space box (the spatial index), a superset is fine. */
  candidatesIn: (box: Box) => Iterable<string>;
}

interface Tile {
  readonly i: number;
  readonly j: number;
  canvas: HTMLCanvasElement | null;
  /** The objects to draw, found when drawing starts; `next` is how many are drawn. */
  todo: AnnotationObject[] | null;
  next: number;
  ready: boolean;
}

/**
 * Objects drawn at one device scale `scale` (device pixels per image pixel) on a grid of
 * TILE_PX tiles. Device pixel u of the level shows image x = (u - phaseX) / scale: the phase is
 * the fractional part of the view's offset when the level was made, so a pan by whole pixels
 * keeps every tile pixel-exact on screen.
 */
export class TileLevel {
  private readonly tiles = new Map<string, Tile>();

  constructor(
    readonly scale: number,
    readonly phaseX: number,
    readonly phaseY: number,
  ) {}

  /** True when this level shows a view at device scale `scale` and device offset (x, y) exactly. */
  matches(scale: number, x: number, y: number): boolean {
    return scale === this.scale && frac(x) === this.phaseX && frac(y) === this.phaseY;
  }

  /** Image-space box of tile (i, j). */
  boxOf(i: number, j: number): Box {
    const s = this.scale;
    return { minX: (i * TILE_PX - this.phaseX) / s, minY: (j * TILE_PX - this.phaseY) / s, maxX: ((i + 1) * TILE_PX - this.phaseX) / s, maxY: ((j + 1) * TILE_PX - this.phaseY) / s };
  }

  /** Tile index ranges (inclusive) covering an image-space box. */
  range(box: Box): { i0: number; j0: number; i1: number; j1: number } {
    const s = this.scale;
    return {
      i0: Math.floor((box.minX * s + this.phaseX) / TILE_PX),
      j0: Math.floor((box.minY * s + this.phaseY) / TILE_PX),
      i1: Math.floor((box.maxX * s + this.phaseX) / TILE_PX),
      j1: Math.floor((box.maxY * s + this.phaseY) / TILE_PX),
    };
  }

  tile(i: number, j: number): Tile {
    const key = `${i},${j}`;
    let tile = this.tiles.get(key);
    if (!tile) this.tiles.set(key, (tile = { i, j, canvas: null, todo: null, next: 0, ready: false }));
    return tile;
  }

  readyTile(i: number, j: number): Tile | undefined {
    const tile = this.tiles.get(`${i},${j}`);
    return tile?.ready ? tile : undefined;
  }

  /** True when every tile over the box is drawn. */
  covers(box: Box): boolean {
    const { i0, j0, i1, j1 } = this.range(box);
    for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) if (!this.readyTile(i, j)) return false;
    return true;
  }

  /**
   * Draws more of a tile, until it is done or `deadline` (performance.now()) passes; true when
   * done. A started tile keeps its list of objects, so it is finished as it was begun. A tile of
   * more than `maxObjects` is left for later (the frame's own drawing takes only cheap ones).
   */
  drawTile(tile: Tile, scene: TileScene, deadline: number, maxObjects = Infinity): boolean {
    if (tile.ready) return true;
    if (!tile.todo) {
      tile.todo = objectsIn(scene, this.boxOf(tile.i, tile.j));
      tile.next = 0;
      tile.canvas ??= makeCanvas();
      context(tile.canvas).clearRect(0, 0, TILE_PX, TILE_PX);
    }
    if (tile.todo.length - tile.next > maxObjects) return false;
    const ctx = context(tile.canvas!);
    do {
      const chunk = tile.todo.slice(tile.next, tile.next + CHUNK);
      this.paint(ctx, tile, chunk, scene);
      // The canvas only records drawing calls; reading a pixel makes it rasterize them now, in
      // this slice, instead of in the frame that first shows the tile.
      ctx.getImageData(0, 0, 1, 1);
      tile.next += chunk.length;
    } while (tile.next < tile.todo.length && performance.now() < deadline);
    tile.ready = tile.next >= tile.todo.length;
    if (tile.ready) tile.todo = null;
    return tile.ready;
  }

  /**
   * After an edit: redraws the parts of drawn tiles inside the box at once (few objects, so
   * cheap); a tile being drawn starts again, since its list of objects is out of date.
   */
  redrawRegion(box: Box, scene: TileScene): void {
    const grown = { minX: box.minX - 2 / this.scale, minY: box.minY - 2 / this.scale, maxX: box.maxX + 2 / this.scale, maxY: box.maxY + 2 / this.scale };
    const { i0, j0, i1, j1 } = this.range(grown);
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const tile = this.tiles.get(`${i},${j}`);
        if (!tile) continue;
        if (!tile.ready) {
          tile.todo = null;
          continue;
        }
        const ctx = context(tile.canvas!);
        // Whole device pixels, so repeated redraws leave no blended seams at the clip edge.
        const s = this.scale;
        const x0 = Math.max(0, Math.floor(grown.minX * s + this.phaseX) - i * TILE_PX), y0 = Math.max(0, Math.floor(grown.minY * s + this.phaseY) - j * TILE_PX);
        const x1 = Math.min(TILE_PX, Math.ceil(grown.maxX * s + this.phaseX) - i * TILE_PX), y1 = Math.min(TILE_PX, Math.ceil(grown.maxY * s + this.phaseY) - j * TILE_PX);
        ctx.save();
        ctx.beginPath();
        ctx.rect(x0, y0, x1 - x0, y1 - y0);
        ctx.clip();
        ctx.clearRect(x0, y0, x1 - x0, y1 - y0);
        const area = { minX: (x0 + i * TILE_PX - this.phaseX) / s, minY: (y0 + j * TILE_PX - this.phaseY) / s, maxX: (x1 + i * TILE_PX - this.phaseX) / s, maxY: (y1 + j * TILE_PX - this.phaseY) / s };
        this.paint(ctx, tile, objectsIn(scene, area), scene);
        ctx.restore();
      }
    }
  }

  private paint(ctx: CanvasRenderingContext2D, tile: Tile, objects: AnnotationObject[], scene: TileScene): void {
    ctx.setTransform(this.scale, 0, 0, this.scale, this.phaseX - tile.i * TILE_PX, this.phaseY - tile.j * TILE_PX);
    drawObjects(ctx, objects, this.scale, scene.overlay);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }

  /** Drops the tiles farthest from `centre` (image space) beyond MAX_TILES, keeping their canvases for reuse. */
  evict(centre: { x: number; y: number }): void {
    if (this.tiles.size <= MAX_TILES) return;
    const distance = (tile: Tile) => {
      const box = this.boxOf(tile.i, tile.j);
      return Math.hypot((box.minX + box.maxX) / 2 - centre.x, (box.minY + box.maxY) / 2 - centre.y);
    };
    const far = [...this.tiles.entries()].sort((a, b) => distance(b[1]) - distance(a[1])).slice(0, this.tiles.size - MAX_TILES);
    for (const [key, tile] of far) {
      this.tiles.delete(key);
      if (tile.canvas) recycle([tile.canvas]);
    }
  }

  /** Every canvas of the level, for reuse when it is dropped. */
  canvases(): HTMLCanvasElement[] {
    return [...this.tiles.values()].flatMap((tile) => (tile.canvas ? [tile.canvas] : []));
  }
}

/** Visible, not selected objects whose boxes meet `box`: the spatial index has already tested the boxes exactly. */
function objectsIn(scene: TileScene, box: Box): AnnotationObject[] {
  const out: AnnotationObject[] = [];
  for (const id of scene.candidatesIn(box)) {
    const object = scene.objects.get(id);
    if (!object || object.hidden || scene.excluded.has(id)) continue;
    out.push(object);
  }
  return out;
}

/** Tiles are read back once each (see drawTile): a CPU-backed canvas makes that cheap. */
function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  return canvas.getContext('2d', { willReadFrequently: true })!;
}

let spareCanvases: HTMLCanvasElement[] = [];

function makeCanvas(): HTMLCanvasElement {
  const canvas = spareCanvases.pop() ?? document.createElement('canvas');
  canvas.width = TILE_PX;
  canvas.height = TILE_PX;
  return canvas;
}

/** Hands canvases of dropped tiles back for new ones (creating canvases costs more than clearing). */
export function recycle(canvases: HTMLCanvasElement[]): void {
  spareCanvases = spareCanvases.concat(canvases).slice(0, 2 * MAX_TILES);
}

/** Fractional part in [0, 1). */
export function frac(value: number): number {
  return value - Math.floor(value);
}
