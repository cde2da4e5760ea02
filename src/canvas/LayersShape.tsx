import type Konva from 'konva';
import { useCallback } from 'react';
import { Shape } from 'react-konva';
import { useAppStore } from '../store/store';
import { traceRings } from './drawObjects';

export const REFERENCE_COLOR = '#35d6ff';

/** Reference layers: every object's outline, dashed, in one colour apart from the image's own objects. */
export function LayersShape() {
  const layers = useAppStore((state) => state.layers);
  const shown = useAppStore((state) => state.layersShown);
  const zoom = useAppStore((state) => state.view.zoom);
  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      if (!shown || layers.length === 0) return;
      const ctx = context._context;
      ctx.beginPath();
      for (const layer of layers) {
        for (const object of layer.objects) traceRings(ctx, object.rings);
      }
      ctx.lineWidth = 1.5 / zoom;
      ctx.setLineDash([4 / zoom, 3 / zoom]);
      ctx.strokeStyle = REFERENCE_COLOR;
      ctx.stroke();
      ctx.setLineDash([]);
    },
    [layers, shown, zoom],
  );
  return <Shape sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />;
}
