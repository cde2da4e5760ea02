import type Konva from 'konva';
import { useCallback } from 'react';
import { Shape } from 'react-konva';
import { edgeMidpoints } from '../core/geometry';
import { objectStats } from '../core/objectStats';
import { useAppStore, type AppState } from '../store/store';
import { colorIndex, FLAG_COLOR, PALETTE, SELECTED_COLOR } from './objectColors';

/** Handle sizes in screen pixels. */
const VERTEX_HANDLE_PX = 7;
const MIDPOINT_HANDLE_PX = 5;

function selectedRings(state: AppState) {
  const { selectedId, preview, objects } = state;
  if (!selectedId) return null;
  if (preview?.id === selectedId) return preview.rings;
  const object = objects.get(selectedId);
  return object && !object.hidden ? object.rings : null;
}

/**
 * The selected object on top of the others: its outline in white over its own colour, and, when
 * it can be edited, square vertex handles and round midpoint handles (drag one to insert a vertex).
 * During a drag it shows the live `preview`, so only this small shape redraws.
 */
export function SelectionShape() {
  const rings = useAppStore(selectedRings);
  const object = useAppStore((state) => (state.selectedId ? state.objects.get(state.selectedId) : undefined));
  const zoom = useAppStore((state) => state.view.zoom);
  const editing = useAppStore((state) => state.toolPath.startsWith('select.'));
  const overlay = useAppStore((state) => state.overlay);

  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      if (!rings || !object) return;
      const ctx = context._context;
      ctx.beginPath();
      for (const ring of rings) {
        ctx.moveTo(ring[0], ring[1]);
        for (let i = 2; i < ring.length; i += 2) ctx.lineTo(ring[i], ring[i + 1]);
        ctx.closePath();
      }
      if (overlay.mode === 'fill') {
        ctx.globalAlpha = Math.min(1, overlay.opacity + 0.15);
        ctx.fillStyle = PALETTE[colorIndex(object.id)];
        ctx.fill('evenodd');
        ctx.globalAlpha = 1;
      }
      ctx.lineWidth = 2.5 / zoom;
      ctx.strokeStyle = objectStats({ ...object, rings }).selfIntersecting ? FLAG_COLOR : SELECTED_COLOR;
      ctx.stroke();
      if (!editing || object.locked) return;
      const vertex = VERTEX_HANDLE_PX / zoom;
      ctx.lineWidth = 1 / zoom;
      ctx.fillStyle = SELECTED_COLOR;
      ctx.strokeStyle = '#000000';
      for (const ring of rings) {
        for (let i = 0; i < ring.length; i += 2) {
          ctx.fillRect(ring[i] - vertex / 2, ring[i + 1] - vertex / 2, vertex, vertex);
          ctx.strokeRect(ring[i] - vertex / 2, ring[i + 1] - vertex / 2, vertex, vertex);
        }
      }
      const radius = MIDPOINT_HANDLE_PX / 2 / zoom;
      ctx.globalAlpha = 0.7;
      ctx.beginPath();
      for (const { x, y } of edgeMidpoints(rings)) {
        ctx.moveTo(x + radius, y);
        ctx.arc(x, y, radius, 0, 2 * Math.PI);
      }
      ctx.fill();
      ctx.globalAlpha = 1;
    },
    [rings, object, zoom, editing, overlay],
  );

  return <Shape sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />;
}
