import { setStroke } from '../../store/actions/corrections';
import { defineMode, transition } from '../machine';

/** Brush and eraser: Esc, where the state does not use it itself, goes back to selecting. */
export const brushMode = defineMode('brush', {
  onCancel() {
    setStroke(null);
    transition('select.idle');
  },
});
