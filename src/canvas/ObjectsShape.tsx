import { useCallback } from 'react';
import { Shape } from 'react-konva';
import type Konva from 'konva';
import { objectStats } from '../core/objectStats';
import type { AnnotationObject } from '../core/objects';
import { useAppStore } from '../store/store';
import { colorIndex, FLAG_COLOR, PALETTE } from './objectColors';

/** Vertices closer than this on screen are merged while drawing (level of detail when zoomed out). */
const MIN_STEP_PX = 0.75;

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
 * Every object except the selected one, drawn in one non-listening shape: objects outside the
 * view are skipped, objects of one colour share a path, and self-intersecting outlines get a
 * red dashed overlay. Hit-testing is done in the model (store/actions/hitTest.ts), not here.
 */
export function ObjectsShape() {
  const objects = useAppStore((state) => state.objects);
  const selectedId = useAppStore((state) => state.selectedId);
  const overlay = useAppStore((state) => state.overlay);
  const view = useAppStore((state) => state.view);
  const viewport = useAppStore((state) => state.viewport);

  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      if (overlay.mode === 'hidden') return;
      const ctx = context._context;
      const left = -view.x / view.zoom;
      const top = -view.y / view.zoom;
      const right = left + viewport.width / view.zoom;
      const bottom = top + viewport.height / view.zoom;
      const groups: AnnotationObject[][] = PALETTE.map(() => []);
      const flagged: AnnotationObject[] = [];
      for (const object of objects.values()) {
        if (object.hidden || object.id === selectedId) continue;
        const { box, selfIntersecting } = objectStats(object);
        if (box.maxX < left || box.minX > right || box.maxY < top || box.minY > bottom) continue;
        groups[colorIndex(object.id)].push(object);
        if (selfIntersecting) flagged.push(object);
      }
      const minStep = MIN_STEP_PX / view.zoom;
      ctx.lineWidth = 1.5 / view.zoom;
      ctx.lineJoin = 'round';
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
        ctx.setLineDash([4 / view.zoom, 3 / view.zoom]);
        ctx.lineWidth = 2 / view.zoom;
        ctx.strokeStyle = FLAG_COLOR;
        ctx.stroke();
        ctx.setLineDash([]);
      }
    },
    [objects, selectedId, overlay, view, viewport],
  );

  return <Shape sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />;
}
