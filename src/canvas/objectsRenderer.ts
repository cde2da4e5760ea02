import type { Box } from '../core/geometry';
import type { ViewTransform } from '../core/viewTransform';
import { frac, recycle, TILE_PX, TileLevel, type TileScene } from './objectTiles';

/** Drawing done inside a frame for tiles it needs, before it falls back to coarser ones. */
const FRAME_BUDGET_MS = 4;
/** One background slice: short enough that input waiting behind it is handled within a frame. */
const SLICE_MS = 8;
/** Largest side of the overview in device pixels: cheap to draw, always there to fall back on. */
const OVERVIEW_PX = 1024;

/** How the objects were shown in the last frame. */
export type FrameQuality = 'sharp' | 'coarse' | 'missing';

/**
 * The objects layer, never blocking a frame and never blank:
 * - `current`: tiles at exactly the view's device scale and pixel phase (sharp);
 * - `previous`: the last level whose visible tiles were all drawn (shown scaled while the
 *   current one fills in after a zoom);
 * - `overview`: the whole image at a coarse scale, the last fallback.
 * A frame draws what it can of the missing current tiles within FRAME_BUDGET_MS and takes the
 * rest from the best drawn level; background slices (SLICE_MS, yielding between) draw the
 * visible current tiles first, then the overview, then a ring of tiles around the view.
 */
export class ObjectsRenderer {
  private scene: TileScene | null = null;
  private image = { width: 1, height: 1 };
  private current: TileLevel | null = null;
  private previous: TileLevel | null = null;
  private overview: TileLevel | null = null;
  private visible: Box | null = null;
  private around: Box | null = null;
  private scheduled = false;
  private readonly channel = new MessageChannel();
  private readonly pixelRatio = window.devicePixelRatio || 1;
  quality: FrameQuality = 'sharp';

  /** `onProgress` asks for a new frame when background drawing has something to show. */
  constructor(private readonly onProgress: () => void) {
    this.channel.port1.onmessage = () => this.work();
  }

  /**
   * New objects to show. `changed`: image-space boxes of what changed (redrawn in place, at
   * once); null redraws everything (another image, another overlay, a large change).
   */
  setScene(scene: TileScene, changed: Box[] | null, image: { width: number; height: number }): void {
    this.scene = scene;
    if (!changed || image.width !== this.image.width || image.height !== this.image.height) {
      this.image = image;
      for (const level of [this.current, this.previous, this.overview]) if (level) recycle(level.canvases());
      this.current = this.previous = null;
      this.overview = new TileLevel(Math.min(1, OVERVIEW_PX / Math.max(image.width, image.height)) * this.pixelRatio, 0, 0);
    } else {
      for (const level of [this.current, this.previous, this.overview]) for (const box of changed) level?.redrawRegion(box, scene);
    }
    this.schedule();
  }

  /** Draws the objects for `view` into a context whose transform Konva set (it is reset here). */
  compose(ctx: CanvasRenderingContext2D, view: ViewTransform, viewport: { width: number; height: number }): void {
    const scene = this.scene;
    if (!scene) return;
    const s = view.zoom * this.pixelRatio, ox = view.x * this.pixelRatio, oy = view.y * this.pixelRatio;
    const visible = intersect(
      { minX: -view.x / view.zoom, minY: -view.y / view.zoom, maxX: (viewport.width - view.x) / view.zoom, maxY: (viewport.height - view.y) / view.zoom },
      { minX: 0, minY: 0, maxX: this.image.width, maxY: this.image.height },
    );
    if (!this.current || !this.current.matches(s, ox, oy)) this.newLevel(s, ox, oy);
    const current = this.current!;
    this.visible = visible;
    const margin = TILE_PX / s;
    this.around = visible && { minX: visible.minX - margin, minY: visible.minY - margin, maxX: visible.maxX + margin, maxY: visible.maxY + margin };
    this.quality = 'sharp';
    if (!visible) return;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    const deadline = performance.now() + FRAME_BUDGET_MS;
    const { i0, j0, i1, j1 } = current.range(visible);
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const tile = current.tile(i, j);
        if (!tile.ready && performance.now() < deadline) current.drawTile(tile, scene, deadline);
        if (tile.ready) {
          ctx.imageSmoothingEnabled = false;
          ctx.drawImage(tile.canvas!, Math.round(ox - current.phaseX) + i * TILE_PX, Math.round(oy - current.phaseY) + j * TILE_PX);
          continue;
        }
        const box = intersect(current.boxOf(i, j), visible)!;
        const fallback = [this.previous, this.overview].find((level) => level?.covers(box));
        if (!fallback) {
          this.quality = 'missing';
          continue;
        }
        if (this.quality === 'sharp') this.quality = 'coarse';
        ctx.save();
        ctx.beginPath();
        ctx.rect(Math.round(ox - current.phaseX) + i * TILE_PX, Math.round(oy - current.phaseY) + j * TILE_PX, TILE_PX, TILE_PX);
        ctx.clip();
        drawScaled(ctx, fallback, box, s, ox, oy);
        ctx.restore();
      }
    }
    ctx.restore();
    if (this.quality !== 'sharp') this.schedule();
  }

  /** The view's scale or phase changed: a new current level; the old one is kept if complete. */
  private newLevel(s: number, ox: number, oy: number): void {
    const old = this.current;
    if (old && this.visible && old.covers(this.visible)) {
      if (this.previous) recycle(this.previous.canvases());
      this.previous = old;
    } else if (old) recycle(old.canvases());
    this.current = new TileLevel(s, frac(ox), frac(oy));
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.channel.port2.postMessage(null);
  }

  /** One background slice: the next tiles by priority, until SLICE_MS is spent. */
  private work(): void {
    this.scheduled = false;
    const scene = this.scene;
    if (!scene) return;
    const deadline = performance.now() + SLICE_MS;
    let shown = false;
    for (;;) {
      const next = this.nextTile();
      if (!next) break;
      const done = next.level.drawTile(next.tile, scene, deadline);
      if (done && next.visible) shown = true;
      if (performance.now() >= deadline) {
        this.schedule();
        break;
      }
    }
    if (this.visible) this.current?.evict(centre(this.visible));
    if (shown) this.onProgress();
  }

  private nextTile(): { level: TileLevel; tile: ReturnType<TileLevel['tile']>; visible: boolean } | null {
    const image = { minX: 0, minY: 0, maxX: this.image.width, maxY: this.image.height };
    const wanted: Array<[TileLevel | null, Box | null, boolean]> = [
      [this.current, this.visible, true],
      [this.overview, image, !this.current?.covers(this.visible ?? image)],
      [this.current, this.around && intersect(this.around, image), false],
    ];
    for (const [level, box, visible] of wanted) {
      if (!level || !box) continue;
      const { i0, j0, i1, j1 } = level.range(box);
      for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) {
        const tile = level.tile(i, j);
        if (!tile.ready) return { level, tile, visible };
      }
    }
    return null;
  }
}

/** Draws a level's tiles over `box` (image space) at device scale s and offset (ox, oy), smoothed. */
function drawScaled(ctx: CanvasRenderingContext2D, level: TileLevel, box: Box, s: number, ox: number, oy: number): void {
  ctx.imageSmoothingEnabled = true;
  const { i0, j0, i1, j1 } = level.range(box);
  const size = (TILE_PX / level.scale) * s;
  for (let j = j0; j <= j1; j++) {
    for (let i = i0; i <= i1; i++) {
      const tile = level.readyTile(i, j)!;
      const at = level.boxOf(i, j);
      ctx.drawImage(tile.canvas!, ox + at.minX * s, oy + at.minY * s, size, size);
    }
  }
}

function intersect(a: Box, b: Box): Box | null {
  const box = { minX: Math.max(a.minX, b.minX), minY: Math.max(a.minY, b.minY), maxX: Math.min(a.maxX, b.maxX), maxY: Math.min(a.maxY, b.maxY) };
  return box.minX < box.maxX && box.minY < box.maxY ? box : null;
}

function centre(box: Box): { x: number; y: number } {
  return { x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 };
}
