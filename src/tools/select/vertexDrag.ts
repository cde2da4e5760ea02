import { moveVertex } from '../../core/geometry';
import type { Ring } from '../../core/objects';
import { imageBounds, updateObject } from '../../store/actions/annotations';
import { setPreview } from '../../store/actions/interaction';
import { clampToImage } from '../input';
import { defineState, transition, type StateHandlers } from '../machine';

/** The vertex being dragged: rings[ring] vertex `index` of `rings` (the object's, or with a vertex just inserted). */
export interface VertexDragData {
  id: string;
  ring: number;
  index: number;
  /** The object's rings before the gesture. */
  original: Ring[];
  /** The rings the drag starts from. */
  rings: Ring[];
}

declare module '../machine' {
  interface StateData {
    'select.draggingVertex': VertexDragData;
    'select.inserting': VertexDragData;
  }
}

/**
 * Dragging one vertex (clamped to the image), shown as `preview`; the release makes the result
 * one undo step, Esc drops it. Inserting starts from rings with a new vertex at an edge's
 * midpoint, so a click on a midpoint alone inserts a vertex there.
 */
function vertexDrag({ id, ring, index, original, rings: start }: VertexDragData): StateHandlers {
  let rings = start;
  return {
    onEnter() {
      if (rings !== original) setPreview({ id, rings });
    },
    onPointerMove(input) {
      const [x, y] = clampToImage(input.x, input.y, imageBounds());
      rings = start.map((r, i) => (i === ring ? moveVertex(r, index, x, y) : r));
      setPreview({ id, rings });
    },
    onPointerUp() {
      if (rings !== original) updateObject(id, { rings });
      transition('select.idle');
    },
    onCancel() {
      transition('select.idle');
    },
    onExit() {
      setPreview(null);
    },
  };
}

export const selectDraggingVertex = defineState('select.draggingVertex', { enter: vertexDrag });
export const selectInserting = defineState('select.inserting', { enter: vertexDrag });
