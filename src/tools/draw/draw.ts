import { defineMode, transition } from '../machine';

/** Drawing: Esc, where the state does not use it itself, leaves drawing for selecting. */
export const drawMode = defineMode('draw', {
  onCancel() {
    transition('select.idle');
  },
});
