import { cleanRing, nearestVertex, replaceRingSection } from '../../core/geometry';
import { GRAB_RADIUS_PX } from '../../core/interaction';
import { selectObject, updateObject } from '../../store/actions/annotations';
import { setDraft, setPreview } from '../../store/actions/interaction';
import { getState } from '../../store/store';
import { addDraftVertex, draftVertices, freehand, removeLastDraftVertex } from '../draft';
import type { PointerInput } from '../input';
import { defineState, transition } from '../machine';

/** Redrawing rings[ring] of an object from its vertex `from`. */
export interface RedrawData {
  objectId: string;
  ring: number;
  from: number;
}

declare module '../machine' {
  interface StateData {
    'draw.redrawing': RedrawData;
  }
}

/**
 * CVAT's redraw (Shift + click on a vertex of the selected object): clicks and Shift-drags draw a
 * new section from that vertex; a click on another vertex of the ring replaces the shorter part
 * between the two with it. Backspace and right click remove the last new vertex; Esc gives up.
 */
export const drawRedrawing = defineState('draw.redrawing', {
  canEnter: ({ objectId }) => getState().objects.has(objectId),
  enter: (redraw) => {
    const drag = freehand(false);
    return {
      onEnter() {
        const ring = getState().objects.get(redraw.objectId)!.rings[redraw.ring];
        setPreview(null);
        setDraft([ring[2 * redraw.from], ring[2 * redraw.from + 1]]);
      },
      onPointerDown(input) {
        if (input.button === 2) return void removeLastDraftVertex(1);
        if (input.button !== 0 || finishAt(redraw, input)) return;
        addDraftVertex(input);
        drag.press();
      },
      onPointerMove: drag.onPointerMove,
      onPointerUp: drag.onPointerUp,
      onKey(combo) {
        if (combo !== 'Backspace') return false;
        removeLastDraftVertex(1); // the starting vertex stays
        return true;
      },
      onCancel() {
        transition('select.idle');
      },
      onExit() {
        setDraft(null);
      },
    };
  },
});

/** A click on another vertex of the ring finishes the redraw there; returns whether it did. */
function finishAt({ objectId, ring, from }: RedrawData, input: PointerInput): boolean {
  const object = getState().objects.get(objectId);
  if (!object) return false;
  const hit = nearestVertex([object.rings[ring]], input.x, input.y, GRAB_RADIUS_PX / input.zoom);
  if (!hit || hit.index === from) return false;
  const path = draftVertices().slice(2);
  const rings = object.rings.map((candidate, i) => (i === ring ? cleanRing(replaceRingSection(candidate, from, hit.index, path)) : candidate));
  updateObject(objectId, { rings });
  transition('select.idle');
  selectObject(objectId);
  return true;
}
