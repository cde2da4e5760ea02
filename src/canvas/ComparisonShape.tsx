import type Konva from 'konva';
import { useCallback } from 'react';
import { Shape } from 'react-konva';
import { objectBox } from '../core/geometry';
import type { Ring } from '../core/objects';
import { comparisonErrors } from '../store/actions/comparison';
import { useAppStore } from '../store/store';
import { traceRings } from './drawObjects';

/** Matched candidates, missed reference objects (FN) and extra candidates (FP): three colours apart from the objects' palette. */
export const COMPARISON_COLORS = { matched: '#3ddc84', missed: '#ff9f1a', extra: '#ff4fd8' };

/** Screen pixels: IoU labels show only where the matched object is at least this wide on screen. */
const LABEL_MIN_WIDTH = 28;

/** The comparison layer: outlines by outcome, the IoU of each match, and a ring round the error stepped to. */
export function ComparisonShape() {
  const comparison = useAppStore((state) => state.comparison);
  const objects = useAppStore((state) => state.objects);
  const layers = useAppStore((state) => state.layers);
  const zoom = useAppStore((state) => state.view.zoom);
  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      const layer = comparison && layers.find((candidate) => candidate.id === comparison.layerId);
      if (!comparison || !layer) return;
      const ctx = context._context;
      const referenceRings = (index: number) => objects.get(comparison.referenceIds[index])?.rings ?? [];
      const candidateRings = (index: number) => layer.objects[index].rings;
      const stroke = (color: string, width: number, paths: Array<readonly Ring[]>) => {
        ctx.beginPath();
        for (const rings of paths) traceRings(ctx, rings);
        ctx.lineWidth = width / zoom;
        ctx.strokeStyle = color;
        ctx.stroke();
      };
      stroke(COMPARISON_COLORS.matched, 1.5, comparison.result.matched.map((pair) => candidateRings(pair.candidate)));
      stroke(COMPARISON_COLORS.missed, 2.5, comparison.result.missed.map(referenceRings));
      stroke(COMPARISON_COLORS.extra, 2.5, comparison.result.extra.map(candidateRings));
      const current = comparisonErrors(comparison)[comparison.errorIndex];
      if (current) {
        const box = objectBox(current.kind === 'missed' ? referenceRings(current.index) : candidateRings(current.index));
        ctx.beginPath();
        ctx.arc((box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2, Math.max(box.maxX - box.minX, box.maxY - box.minY) / 2 + 8 / zoom, 0, 2 * Math.PI);
        ctx.lineWidth = 2 / zoom;
        ctx.strokeStyle = '#ffffff';
        ctx.stroke();
      }
      ctx.font = `${11 / zoom}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.fillStyle = COMPARISON_COLORS.matched;
      for (const pair of comparison.result.matched) {
        const box = objectBox(candidateRings(pair.candidate));
        if ((box.maxX - box.minX) * zoom >= LABEL_MIN_WIDTH) ctx.fillText(pair.iou.toFixed(2), (box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2);
      }
    },
    [comparison, objects, layers, zoom],
  );
  return <Shape sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />;
}
