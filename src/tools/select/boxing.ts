import { DRAG_THRESHOLD_PX } from '../../core/interaction';
import { objectStats } from '../../core/objectStats';
import { setSelection } from '../../store/actions/annotations';
import { setSelectionBox } from '../../store/actions/interaction';
import { getState } from '../../store/store';
import { defineState, transition } from '../machine';

declare module '../machine' {
  interface StateData {
    /** Pressed on empty image at (startX, startY); `adding`: Shift held, the box adds to the selection. */
    'select.boxing': { startX: number; startY: number; adding: boolean };
  }
}

/** A drag on empty image draws a box; the visible objects wholly inside it are selected on release. */
export const selectBoxing = defineState('select.boxing', {
  enter: ({ startX, startY, adding }) => {
    let box: { x0: number; y0: number; x1: number; y1: number } | null = null;
    return {
      onPointerMove(input) {
        if (!box && Math.hypot(input.x - startX, input.y - startY) * input.zoom < DRAG_THRESHOLD_PX) return;
        box = { x0: Math.min(startX, input.x), y0: Math.min(startY, input.y), x1: Math.max(startX, input.x), y1: Math.max(startY, input.y) };
        setSelectionBox(box);
      },
      onPointerUp() {
        if (box) {
          const { x0, y0, x1, y1 } = box;
          const inside = [...getState().objects.values()].filter((object) => {
            const b = objectStats(object).box;
            return !object.hidden && b.minX >= x0 && b.minY >= y0 && b.maxX <= x1 && b.maxY <= y1;
          });
          const ids = inside.map((object) => object.id);
          setSelection(adding ? [...new Set([...getState().selectedIds, ...ids])] : ids);
        }
        transition('select.idle');
      },
      onCancel() {
        transition('select.idle');
      },
      onExit() {
        setSelectionBox(null);
      },
    };
  },
});
