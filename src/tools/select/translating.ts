import { clampShift, objectBox, translateRings } from '../../core/geometry';
import { imageBounds, updateObject } from '../../store/actions/annotations';
import { setPreview } from '../../store/actions/interaction';
import { defineState, transition } from '../machine';
import type { PressData } from './pointing';

declare module '../machine' {
  interface StateData {
    'select.translating': PressData;
  }
}

/**
 * Dragging an object: the live shape is the store's `preview` (kept inside the image); the
 * release makes it one undo step, Esc puts the object back.
 */
export const selectTranslating = defineState('select.translating', {
  enter: ({ id, startX, startY, original }) => {
    let rings = original;
    return {
      onPointerMove(input) {
        const [dx, dy] = clampShift(objectBox(original), input.x - startX, input.y - startY, imageBounds());
        rings = translateRings(original, dx, dy);
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
  },
});
