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

/** Dragging the selected objects together, kept inside the image; the release is one undo step, Esc puts them back. */
export const selectTranslating = defineState('select.translating', {
  enter: ({ originals, startX, startY }) => {
    const box = objectBox([...originals.values()].flat());
    return previewDrag(originals, (input) => {
      const [dx, dy] = clampShift(box, input.x - startX, input.y - startY, imageBounds());
      return new Map([...originals].map(([id, rings]) => [id, translateRings(rings, dx, dy)]));
    });
  },
});
