import type Konva from 'konva';
import { useCallback, useMemo } from 'react';
import { Shape } from 'react-konva';
import { edgeMidpoints } from '../core/geometry';
import { objectStats } from '../core/objectStats';
import type { AnnotationObject, Ring } from '../core/objects';
import { useAppStore } from '../store/store';
import { colorIndex, FLAG_COLOR, PALETTE, SELECTED_COLOR } from './objectColors';
import { traceRings } from './drawObjects';

/** Handle sizes in screen pixels. */
const VERTEX_HANDLE_PX = 7;
const MIDPOINT_HANDLE_PX = 5;

/** The selected objects as drawn now: their live shape during a drag, hidden ones left out. */
function useSelected(): Array<{ object: AnnotationObject; rings: Ring[] }> {
  const selectedIds = useAppStore((state) => state.selectedIds);
  const objects = useAppStore((state) => state.objects);
  const preview = useAppStore((state) => state.preview);
  return useMemo(
    () =>
      selectedIds.flatMap((id) => {
        const object = objects.get(id);
        return object && !object.hidden ? [{ object, rings: preview?.get(id) ?? object.rings }] : [];
      }),
    [selectedIds, objects, preview],
  );
}

/** Handles closer than this on screen to the last one drawn are left out: they could not be told apart or grabbed. */
const HANDLE_SPACING_PX = 6;

/**
 * The selected objects on top of the others: outlines in white over their own colour; on the
 * one picked last, when it can be edited, square vertex handles and round midpoint handles (drag
 * one to insert a vertex), only where they are usefully far apart at this zoom. During a drag it
 * shows the live `preview`, so only this small shape redraws.
 */
export function SelectionShape() {
  const selected = useSelected();
  const primaryId = useAppStore((state) => state.selectedId);
  const zoom = useAppStore((state) => state.view.zoom);
  const editing = useAppStore((state) => state.toolPath.startsWith('select.'));
  const overlay = useAppStore((state) => state.overlay);

  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      const ctx = context._context;
      for (const { object, rings } of selected) {
        ctx.beginPath();
        traceRings(ctx, rings);
        if (overlay.mode === 'fill') {
          ctx.globalAlpha = Math.min(1, overlay.opacity + 0.15);
          ctx.fillStyle = PALETTE[colorIndex(object.id)];
          ctx.fill('evenodd');
          ctx.globalAlpha = 1;
        }
        ctx.lineWidth = 2.5 / zoom;
        ctx.strokeStyle = objectStats({ ...object, rings }).selfIntersecting ? FLAG_COLOR : SELECTED_COLOR;
        ctx.stroke();
        if (editing && !object.locked && object.id === primaryId) drawHandles(ctx, rings, zoom);
      }
    },
    [selected, primaryId, zoom, editing, overlay],
  );

  return <Shape sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />;
}

function drawHandles(ctx: CanvasRenderingContext2D, rings: Ring[], zoom: number): void {
  const vertex = VERTEX_HANDLE_PX / zoom;
  const spacing = HANDLE_SPACING_PX / zoom;
  ctx.lineWidth = 1 / zoom;
  ctx.fillStyle = SELECTED_COLOR;
  ctx.strokeStyle = '#000000';
  for (const ring of rings) {
    let lastX = Infinity, lastY = Infinity;
    for (let i = 0; i < ring.length; i += 2) {
      if (Math.abs(ring[i] - lastX) + Math.abs(ring[i + 1] - lastY) < spacing) continue;
      (lastX = ring[i]), (lastY = ring[i + 1]);
      ctx.fillRect(ring[i] - vertex / 2, ring[i + 1] - vertex / 2, vertex, vertex);
      ctx.strokeRect(ring[i] - vertex / 2, ring[i + 1] - vertex / 2, vertex, vertex);
    }
  }
  const radius = MIDPOINT_HANDLE_PX / 2 / zoom;
  ctx.globalAlpha = 0.7;
  ctx.beginPath();
  for (const { ring, index, x, y } of edgeMidpoints(rings)) {
    const r = rings[ring], j = (index + 1) % (r.length / 2);
    if (Math.hypot(r[2 * j] - r[2 * index], r[2 * j + 1] - r[2 * index + 1]) < 3 * spacing) continue; // too short an edge to insert on
    ctx.moveTo(x + radius, y);
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
  }
  ctx.fill();
  ctx.globalAlpha = 1;
}
