import { cutSelection } from '../../store/actions/corrections';
import { setDraft } from '../../store/actions/interaction';
import { addDraftVertex, draftVertices, removeLastDraftVertex } from '../draft';
import { defineMode, defineState, transition } from '../machine';

declare module '../machine' {
  interface StateData {
    'cut.drawing': void;
  }
}

/** Cutting ends, whatever the state, with Esc: back to selecting. */
export const cutMode = defineMode('cut', {
  onCancel() {
    transition('select.idle');
  },
});

/**
 * S: a line drawn across the selected object (clicks add points, Backspace removes the last;
 * Enter or a double click cuts) splits it into the pieces on either side, as one undo step.
 */
export const cutDrawing = defineState('cut.drawing', {
  enter: () => {
    const finish = () => {
      const line = draftVertices();
      if (line.length >= 4) cutSelection(line);
      transition('select.idle');
    };
    return {
      onEnter() {
        setDraft(null);
      },
      onPointerDown(input) {
        if (input.button === 2) return void removeLastDraftVertex(0);
        if (input.button === 0) addDraftVertex(input);
      },
      onDoubleClick: finish,
      onKey(combo) {
        if (combo === 'Enter') finish();
        else if (combo === 'Backspace') removeLastDraftVertex(0);
        else return false;
        return true;
      },
      onExit() {
        setDraft(null);
      },
    };
  },
});
