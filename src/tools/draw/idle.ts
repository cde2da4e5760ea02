import { imageBounds } from '../../store/actions/annotations';
import { allowEdit, mayEdit } from '../../store/actions/review';
import { clampToImage } from '../input';
import { defineState, transition } from '../machine';
import { openPinAt } from '../pins';

declare module '../machine' {
  interface StateData {
    'draw.idle': void;
  }
}

/** Ready to draw (N): the next click starts an outline, unless the image may not be changed. */
export const drawIdle = defineState('draw.idle', {
  enter: () => ({
    onPointerDown(input) {
      if (openPinAt(input) || input.button !== 0) return;
      // Refused at the first click, so nobody outlines a whole nucleus only to have it refused.
      if (!mayEdit()) allowEdit(); // says why
      else transition('draw.drawing', { vertices: clampToImage(input.x, input.y, imageBounds()) });
    },
  }),
});
