import type Konva from 'konva';
import { useCallback } from 'react';
import { Shape } from 'react-konva';
import { useAppStore } from '../store/store';
import { traceRings } from './drawObjects';

export const PROPOSAL_COLOR = '#ffb020';

/**
 * The detector's proposals: dashed amber outlines, filled the more the more confident the
 * detector is; the selected one drawn bold. Not the image's objects until accepted.
 */
export function ProposalsShape() {
  const proposals = useAppStore((state) => state.proposals);
  const selected = useAppStore((state) => state.selectedProposalId);
  const zoom = useAppStore((state) => state.view.zoom);
  const hidden = useAppStore((state) => state.overlay.mode === 'hidden');
  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      if (hidden || proposals.length === 0) return;
      const ctx = context._context;
      ctx.fillStyle = PROPOSAL_COLOR;
      ctx.strokeStyle = PROPOSAL_COLOR;
      ctx.setLineDash([5 / zoom, 3 / zoom]);
      for (const proposal of proposals) {
        ctx.beginPath();
        traceRings(ctx, proposal.rings);
        ctx.globalAlpha = 0.08 + 0.22 * proposal.confidence;
        ctx.fill('evenodd');
        ctx.globalAlpha = 1;
        ctx.lineWidth = (proposal.id === selected ? 3 : 1.2) / zoom;
        ctx.stroke();
      }
      ctx.setLineDash([]);
    },
    [proposals, selected, zoom, hidden],
  );
  return <Shape sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />;
}
