import { applyBrushStroke, setStroke } from '../../store/actions/corrections';
import { getState } from '../../store/store';
import { defineState, transition } from '../machine';

declare module '../machine' {
  interface StateData {
    'brush.painting': { points: number[]; erases: boolean };
  }
}

/**
 * A stroke under way: the pointer's path is drawn as the stroke (nothing is rasterized yet, so
 * it keeps up with the mouse); the release applies it to the object as one undo step.
 */
export const brushPainting = defineState('brush.painting', {
  enter: ({ points, erases }) => {
    const path = [...points];
    return {
      onEnter() {
        setStroke({ points: path, erases });
      },
      onPointerMove(input) {
        // A point every third of the radius is as fine as the brush can tell apart.
        const spacing = getState().brush.radius / 3;
        if (Math.hypot(input.x - path[path.length - 2], input.y - path[path.length - 1]) < spacing) return;
        path.push(input.x, input.y);
        setStroke({ points: [...path], erases });
      },
      onPointerUp() {
        applyBrushStroke(path, erases);
        transition('brush.idle');
      },
      onCancel() {
        transition('brush.idle');
      },
      onExit() {
        setStroke(null);
      },
    };
  },
});
