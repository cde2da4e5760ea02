import { clampShift, objectBox, translateRings } from '../../core/geometry';
import { imageBounds } from '../../store/actions/annotations';
import { defineState } from '../machine';
import type { PressData } from './pointing';
import { previewDrag } from './previewDrag';

declare module '../machine' {
  interface StateData {
    'select.translating': PressData;
  }
}

/** Dragging an object, kept inside the image; the release makes it one undo step, Esc puts it back. */
export const selectTranslating = defineState('select.translating', {
  enter: ({ id, startX, startY, original }) =>
    previewDrag(id, original, (input) => {
      const [dx, dy] = clampShift(objectBox(original), input.x - startX, input.y - startY, imageBounds());
      return translateRings(original, dx, dy);
    }),
});
