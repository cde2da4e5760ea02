import { GRAB_RADIUS_PX } from '../../core/interaction';
import { edgeMidpoints, insertVertex, nearestVertex, removeVertex } from '../../core/geometry';
import type { AnnotationObject } from '../../core/objects';
import { editableSelection, editableSelectionAll, selectObject, toggleInSelection, updateObject } from '../../store/actions/annotations';
import { objectAt } from '../../store/actions/hitTest';
import { acceptProposals, proposalAt, selectProposal } from '../../store/actions/proposals';
import { getState } from '../../store/store';
import type { PointerInput } from '../input';
import { defineState, transition } from '../machine';
import { openPinAt } from '../pins';

declare module '../machine' {
  interface StateData {
    'select.idle': void;
  }
}

/**
 * Nothing pressed. A click picks the topmost object; on the selected object, a press on a vertex
 * starts dragging it (Shift: redraw from it; Alt or right button: delete it), on an edge's
 * midpoint inserts a vertex there, elsewhere on the object starts moving it.
 */
export const selectIdle = defineState('select.idle', {
  enter: () => ({
    onPointerDown(input) {
      if (openPinAt(input) || (input.button !== 0 && input.button !== 2)) return;
      const selected = editableSelection();
      if (selected && grabHandle(selected, input)) return;
      if (input.button !== 0) return;
      const hit = objectAt(input.x, input.y) ?? proposalToEdit(input);
      if (hit && input.shift) return toggleInSelection(hit.id);
      if (!hit) {
        const proposal = proposalAt(input.x, input.y);
        if (proposal) return selectProposal(proposal.id);
        if (!input.shift) selectObject(null);
        return void transition('select.boxing', { startX: input.x, startY: input.y, adding: input.shift });
      }
      // A press on one of several selected objects drags them all; on another, it alone.
      if (!getState().selectedIds.includes(hit.id)) selectObject(hit.id);
      const moving = editableSelectionAll();
      if (moving.length) transition('select.pointing', { startX: input.x, startY: input.y, originals: new Map(moving.map((object) => [object.id, object.rings])) });
    },
  }),
});

/**
 * A press on the selected proposal accepts it, so that dragging it (or editing it further) edits
 * an object: a proposal is edited by accepting it. Others are only selected by a click.
 */
function proposalToEdit(input: PointerInput): AnnotationObject | null {
  const proposal = proposalAt(input.x, input.y);
  if (!proposal || proposal.id !== getState().selectedProposalId) return null;
  const [id] = acceptProposals([proposal.id]);
  return (id && getState().objects.get(id)) || null;
}

/** A press on a handle of the selected object; returns whether one was there. */
function grabHandle(selected: AnnotationObject, input: PointerInput): boolean {
  const grab = GRAB_RADIUS_PX / input.zoom;
  const vertex = nearestVertex(selected.rings, input.x, input.y, grab);
  if (vertex && (input.alt || input.button === 2)) {
    const rings = selected.rings.map((ring, r) => (r === vertex.ring ? removeVertex(ring, vertex.index) : ring));
    if (rings[vertex.ring] !== selected.rings[vertex.ring]) updateObject(selected.id, { rings }); // never below 3
    return true;
  }
  if (input.button !== 0) return true; // a right click elsewhere does nothing
  if (vertex && input.shift) return transition('draw.redrawing', { objectId: selected.id, ring: vertex.ring, from: vertex.index });
  const drag = { id: selected.id, original: selected.rings };
  if (vertex) return transition('select.draggingVertex', { ...drag, ring: vertex.ring, index: vertex.index, rings: selected.rings });
  const midpoint = edgeMidpoints(selected.rings).find((m) => Math.hypot(m.x - input.x, m.y - input.y) <= grab);
  if (!midpoint) return false;
  const rings = selected.rings.map((ring, r) => (r === midpoint.ring ? insertVertex(ring, midpoint.index, midpoint.x, midpoint.y) : ring));
  return transition('select.inserting', { ...drag, ring: midpoint.ring, index: midpoint.index + 1, rings });
}
