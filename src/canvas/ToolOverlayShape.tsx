import type Konva from 'konva';
import { useCallback } from 'react';
import { Shape } from 'react-konva';
import { screenToImage } from '../core/viewTransform';
import { useAppStore } from '../store/store';
import { SELECTED_COLOR } from './objectColors';

const PAINT = '#7dff9a';
const ERASE = '#ff6b6b';

/**
 * What a tool shows while it is used: the brush as a circle of its size under the mouse, a
 * stroke under way (the path it paints or erases, drawn as a wide round line: cheap, so it keeps
 * up with the mouse), and the box of a box selection.
 */
export function ToolOverlayShape() {
  const brushing = useAppStore((state) => state.toolPath.startsWith('brush.'));
  const brush = useAppStore((state) => state.brush);
  const stroke = useAppStore((state) => state.stroke);
  const box = useAppStore((state) => state.selectionBox);
  const pointer = useAppStore((state) => (state.toolPath.startsWith('brush.') ? state.pointer : null));
  const view = useAppStore((state) => state.view);
  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      const ctx = context._context;
      const zoom = view.zoom;
      if (stroke && stroke.points.length >= 2) {
        ctx.beginPath();
        ctx.moveTo(stroke.points[0], stroke.points[1]);
        for (let i = 2; i < stroke.points.length; i += 2) ctx.lineTo(stroke.points[i], stroke.points[i + 1]);
        if (stroke.points.length === 2) ctx.lineTo(stroke.points[0] + 0.01, stroke.points[1]);
        ctx.lineCap = 'round';
        ctx.lineJoin = 'round';
        ctx.lineWidth = 2 * brush.radius;
        ctx.globalAlpha = 0.45;
        ctx.strokeStyle = stroke.erases ? ERASE : PAINT;
        ctx.stroke();
        ctx.globalAlpha = 1;
      }
      if (brushing && pointer) {
        const at = screenToImage(view, pointer);
        ctx.beginPath();
        ctx.arc(at.x, at.y, brush.radius, 0, 2 * Math.PI);
        ctx.lineWidth = 1.5 / zoom;
        ctx.strokeStyle = brush.erases ? ERASE : PAINT;
        ctx.stroke();
      }
      if (box) {
        ctx.setLineDash([4 / zoom, 3 / zoom]);
        ctx.lineWidth = 1 / zoom;
        ctx.strokeStyle = SELECTED_COLOR;
        ctx.strokeRect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
        ctx.setLineDash([]);
      }
    },
    [brushing, brush, stroke, box, pointer, view],
  );
  return <Shape sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />;
}
