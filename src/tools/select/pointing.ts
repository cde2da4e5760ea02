import { DRAG_THRESHOLD_PX } from '../../core/interaction';
import type { Ring } from '../../core/objects';
import { defineState, handlerOf, transition } from '../machine';

/** Where a press on the selection started (image pixels) and the shapes of the objects it moves. */
export interface PressData {
  startX: number;
  startY: number;
  /** The rings of every object a drag moves, by id. */
  originals: ReadonlyMap<string, Ring[]>;
}

declare module '../machine' {
  interface StateData {
    'select.pointing': PressData;
  }
}

/** Pressed on an object: a release leaves it selected; moving past DRAG_THRESHOLD_PX starts moving it. */
export const selectPointing = defineState('select.pointing', {
  enter: (press) => ({
    onPointerMove(input) {
      if (Math.hypot(input.x - press.startX, input.y - press.startY) * input.zoom < DRAG_THRESHOLD_PX) return;
      transition('select.translating', press);
      handlerOf('onPointerMove')?.(input);
    },
    onPointerUp() {
      transition('select.idle');
    },
  }),
});
