import type Konva from 'konva';
import { useCallback } from 'react';
import { Shape } from 'react-konva';
import { screenToImage } from '../core/viewTransform';
import { useAppStore } from '../store/store';
import { clickClosesOutline, GRAB_RADIUS_PX } from '../core/interaction';
import { DRAFT_COLOR } from './objectColors';

/** The outline being drawn: its vertices, a line to the mouse, and the first vertex to close on. */
export function DraftShape() {
  const draft = useAppStore((state) => state.draft);
  const closable = useAppStore((state) => state.toolPath === 'draw.drawing');
  const pointer = useAppStore((state) => state.pointer);
  const view = useAppStore((state) => state.view);

  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      if (!draft) return;
      const ctx = context._context;
      const v = draft.vertices;
      const zoom = view.zoom;
      ctx.lineWidth = 1.5 / zoom;
      ctx.strokeStyle = DRAFT_COLOR;
      ctx.beginPath();
      ctx.moveTo(v[0], v[1]);
      for (let i = 2; i < v.length; i += 2) ctx.lineTo(v[i], v[i + 1]);
      if (pointer) {
        const at = screenToImage(view, pointer);
        ctx.lineTo(at.x, at.y);
      }
      ctx.stroke();
      const size = 5 / zoom;
      ctx.fillStyle = DRAFT_COLOR;
      for (let i = 0; i < v.length; i += 2) ctx.fillRect(v[i] - size / 2, v[i + 1] - size / 2, size, size);
      if (closable && clickClosesOutline(v, v[0], v[1], zoom)) {
        ctx.beginPath();
        ctx.arc(v[0], v[1], GRAB_RADIUS_PX / zoom, 0, 2 * Math.PI);
        ctx.stroke();
      }
    },
    [draft, closable, pointer, view],
  );

  return <Shape sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />;
}
