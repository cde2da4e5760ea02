import { boxesIntersect, type Box } from '../core/geometry';
import { objectStats } from '../core/objectStats';
import type { AnnotationObject } from '../core/objects';
import type { ViewTransform } from '../core/viewTransform';
import type { OverlayMode } from '../store/store';
import { drawObjects } from './drawObjects';

/** The cache covers the viewport plus this share of its size on every side, so short pans need no redraw. */
const MARGIN = 0.25;

export interface RasterScene {
  objects: ReadonlyMap<string, AnnotationObject>;
  /** The selected objects: drawn by the selection layer instead. */
  excluded: ReadonlySet<string>;
  overlay: { mode: OverlayMode; opacity: number };
}

/**
 * All static objects drawn once into an offscreen canvas at one zoom, then reused: panning and
 * zooming only blit (and scale) it, and an edit redraws just the region it touched. A full
 * redraw at 10,000 objects takes ~100 ms in software rendering, far beyond a 16 ms frame.
 */
export class ObjectsRaster {
  readonly canvas = document.createElement('canvas');
  /** Placement the canvas was drawn for: its pixel (0,0) is image point (-x / zoom, -y / zoom). */
  private drawn: ViewTransform | null = null;
  private readonly pixelRatio = window.devicePixelRatio || 1;

  /** True when the cache is at this zoom and covers the whole viewport at this placement. */
  covers(view: ViewTransform, viewport: { width: number; height: number }): boolean {
    const drawn = this.drawn;
    if (!drawn || drawn.zoom !== view.zoom) return false;
    const { marginX, marginY } = margins(viewport);
    // The cache's placement is the view's when drawn, shifted by the margins.
    const dx = view.x + marginX - drawn.x;
    const dy = view.y + marginY - drawn.y;
    return (
      Math.abs(dx) <= marginX &&
      Math.abs(dy) <= marginY &&
      this.canvas.width === Math.ceil((viewport.width + 2 * marginX) * this.pixelRatio) &&
      this.canvas.height === Math.ceil((viewport.height + 2 * marginY) * this.pixelRatio)
    );
  }

  /** Redraws everything for this placement (viewport plus margins). */
  redrawAll(scene: RasterScene, view: ViewTransform, viewport: { width: number; height: number }): void {
    const { marginX, marginY } = margins(viewport);
    this.canvas.width = Math.ceil((viewport.width + 2 * marginX) * this.pixelRatio);
    this.canvas.height = Math.ceil((viewport.height + 2 * marginY) * this.pixelRatio);
    this.drawn = { zoom: view.zoom, x: view.x + marginX, y: view.y + marginY };
    this.paint(scene, null);
  }

  /** Redraws only the parts of the cache inside these image-space boxes (old and new places of edited objects). */
  redrawRegions(scene: RasterScene, boxes: Box[]): void {
    if (!this.drawn) return;
    for (const box of boxes) this.paint(scene, box);
  }

  private paint(scene: RasterScene, region: Box | null): void {
    const { zoom, x, y } = this.drawn!;
    const ctx = this.canvas.getContext('2d')!;
    const scale = zoom * this.pixelRatio;
    // The cleared area is whole device pixels: a clip edge through pixels would blend old and new
    // drawing there and leave faint seams after repeated region redraws.
    const pixels = region ? toPixels(grow(region, 2 / zoom), scale, x * this.pixelRatio, y * this.pixelRatio) : null;
    const area = pixels ? toImage(pixels, scale, x * this.pixelRatio, y * this.pixelRatio) : this.visibleBox();
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    if (pixels) {
      ctx.beginPath();
      ctx.rect(pixels.minX, pixels.minY, pixels.maxX - pixels.minX, pixels.maxY - pixels.minY);
      ctx.clip();
      ctx.clearRect(pixels.minX, pixels.minY, pixels.maxX - pixels.minX, pixels.maxY - pixels.minY);
    } else {
      ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    }
    ctx.setTransform(scale, 0, 0, scale, x * this.pixelRatio, y * this.pixelRatio);
    const visible = this.visibleBox();
    const inside: AnnotationObject[] = [];
    for (const object of scene.objects.values()) {
      if (object.hidden || scene.excluded.has(object.id)) continue;
      const { box } = objectStats(object);
      if (boxesIntersect(box, area) && boxesIntersect(box, visible)) inside.push(object);
    }
    drawObjects(ctx, inside, zoom, scene.overlay);
    ctx.restore();
  }

  /** The image-space rectangle the cache canvas shows. */
  private visibleBox(): Box {
    const { zoom, x, y } = this.drawn!;
    const width = this.canvas.width / this.pixelRatio;
    const height = this.canvas.height / this.pixelRatio;
    return { minX: -x / zoom, minY: -y / zoom, maxX: (width - x) / zoom, maxY: (height - y) / zoom };
  }

  /** Draws the cache into a context whose transform is image space (Konva's stage transform). */
  blit(ctx: CanvasRenderingContext2D): void {
    if (!this.drawn) return;
    const box = this.visibleBox();
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.canvas, box.minX, box.minY, box.maxX - box.minX, box.maxY - box.minY);
  }
}

function margins(viewport: { width: number; height: number }): { marginX: number; marginY: number } {
  return { marginX: Math.ceil(viewport.width * MARGIN), marginY: Math.ceil(viewport.height * MARGIN) };
}

/** An image-space box as the device-pixel rectangle covering it (whole pixels, rounded outwards). */
function toPixels(box: Box, scale: number, offsetX: number, offsetY: number): Box {
  return {
    minX: Math.floor(box.minX * scale + offsetX),
    minY: Math.floor(box.minY * scale + offsetY),
    maxX: Math.ceil(box.maxX * scale + offsetX),
    maxY: Math.ceil(box.maxY * scale + offsetY),
  };
}

function toImage(pixels: Box, scale: number, offsetX: number, offsetY: number): Box {
  return {
    minX: (pixels.minX - offsetX) / scale,
    minY: (pixels.minY - offsetY) / scale,
    maxX: (pixels.maxX - offsetX) / scale,
    maxY: (pixels.maxY - offsetY) / scale,
  };
}

function grow(box: Box, by: number): Box {
  return { minX: box.minX - by, minY: box.minY - by, maxX: box.maxX + by, maxY: box.maxY + by };
}
