import { objectStats } from '../core/objectStats';
import type { AnnotationObject, Ring } from '../core/objects';
import type { OverlayMode } from '../store/store';
import { colorIndex, FLAG_COLOR, PALETTE } from './objectColors';

/**
 * Vertices closer than this on screen are merged while drawing (level of detail when zoomed
 * out: a 40-vertex nucleus a few pixels wide is drawn with a dozen segments; the selection layer
 * always draws every vertex).
 */
const MIN_STEP_PX = 1.5;

function tracePath(ctx: CanvasRenderingContext2D, objects: AnnotationObject[], minStep: number): void {
  ctx.beginPath();
  for (const object of objects) {
    for (const ring of object.rings) {
      let lastX = ring[0];
      let lastY = ring[1];
      ctx.moveTo(lastX, lastY);
      for (let i = 2; i < ring.length; i += 2) {
        const x = ring[i];
        const y = ring[i + 1];
        if (Math.abs(x - lastX) + Math.abs(y - lastY) < minStep) continue;
        ctx.lineTo(x, y);
        lastX = x;
        lastY = y;
      }
      ctx.closePath();
    }
  }
}

/**
 * Draws objects in image coordinates (the context's transform maps image pixels to the screen
 * at `zoom`). Objects of one colour share a path, and outlines are one-screen-pixel hairlines,
 * which the canvas draws far faster than wider strokes. Self-intersecting outlines get a red
 * dashed overlay.
 */
export function drawObjects(ctx: CanvasRenderingContext2D, objects: Iterable<AnnotationObject>, zoom: number, overlay: { mode: OverlayMode; opacity: number }): void {
  if (overlay.mode === 'hidden') return;
  const groups: AnnotationObject[][] = PALETTE.map(() => []);
  const flagged: AnnotationObject[] = [];
  for (const object of objects) {
    groups[colorIndex(object.id)].push(object);
    if (objectStats(object).selfIntersecting) flagged.push(object);
  }
  const minStep = MIN_STEP_PX / zoom;
  ctx.lineWidth = 1 / zoom;
  groups.forEach((group, i) => {
    if (group.length === 0) return;
    tracePath(ctx, group, minStep);
    if (overlay.mode === 'fill' && overlay.opacity > 0) {
      ctx.globalAlpha = overlay.opacity;
      ctx.fillStyle = PALETTE[i];
      ctx.fill('evenodd');
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = PALETTE[i];
    ctx.stroke();
  });
  if (flagged.length) {
    tracePath(ctx, flagged, 0);
    ctx.setLineDash([4 / zoom, 3 / zoom]);
    ctx.lineWidth = 2 / zoom;
    ctx.strokeStyle = FLAG_COLOR;
    ctx.stroke();
    ctx.setLineDash([]);
  }
}

/** Adds closed rings to the current path (one sub-path each; fill with 'evenodd' for holes). */
export function traceRings(ctx: CanvasRenderingContext2D, rings: readonly Ring[]): void {
  for (const ring of rings) {
    ctx.moveTo(ring[0], ring[1]);
    for (let i = 2; i < ring.length; i += 2) ctx.lineTo(ring[i], ring[i + 1]);
    ctx.closePath();
  }
}
