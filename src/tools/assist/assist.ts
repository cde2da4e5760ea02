import { defineMode, transition } from '../machine';

/** One-click outlining: Esc, where the state does not use it itself, goes back to selecting. */
export const assistMode = defineMode('assist', {
  onCancel() {
    transition('select.idle');
  },
});
