import { moveVertex } from '../../core/geometry';
import type { Ring } from '../../core/objects';
import { imageBounds } from '../../store/actions/annotations';
import { clampToImage } from '../input';
import { defineState, type StateHandlers } from '../machine';
import { previewDrag } from './previewDrag';

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
 * Dragging one vertex, clamped to the image. Inserting starts from rings with a new vertex at an
 * edge's midpoint, so a click on a midpoint alone inserts a vertex there.
 */
function vertexDrag({ id, ring, index, original, rings: start }: VertexDragData): StateHandlers {
  return previewDrag(
    new Map([[id, original]]),
    (input) => {
      const [x, y] = clampToImage(input.x, input.y, imageBounds());
      return new Map([[id, start.map((r, i) => (i === ring ? moveVertex(r, index, x, y) : r))]]);
    },
    start === original ? undefined : new Map([[id, start]]),
  );
}

export const selectDraggingVertex = defineState('select.draggingVertex', { enter: vertexDrag });
export const selectInserting = defineState('select.inserting', { enter: vertexDrag });
