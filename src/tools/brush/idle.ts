import { allowEdit, mayEdit } from '../../store/actions/review';
import { getState } from '../../store/store';
import { clampToImage } from '../input';
import { imageBounds } from '../../store/actions/annotations';
import { defineState, transition } from '../machine';

declare module '../machine' {
  interface StateData {
    'brush.idle': void;
  }
}

/** Brush (B) or eraser (E) ready: a press starts a stroke; Shift + drag erases with the brush. */
export const brushIdle = defineState('brush.idle', {
  enter: () => ({
    onPointerDown(input) {
      if (input.button !== 0) return;
      if (!mayEdit()) return void allowEdit(); // says why
      const [x, y] = clampToImage(input.x, input.y, imageBounds());
      transition('brush.painting', { points: [x, y], erases: getState().brush.erases || input.shift });
    },
  }),
});
