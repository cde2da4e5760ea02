import { cleanRing, clipRingToBox, objectArea } from '../../core/geometry';
import { GRAB_RADIUS_PX } from '../../core/interaction';
import { createObject, imageBounds } from '../../store/actions/annotations';
import { setDraft } from '../../store/actions/interaction';
import { notify } from '../../store/actions/notices';
import { addDraftVertex, draftVertices, freehand, removeLastDraftVertex } from '../draft';
import type { PointerInput } from '../input';
import { defineState, transition } from '../machine';

declare module '../machine' {
  interface StateData {
    /** Entered with the click that placed the first vertex. */
    'draw.drawing': PointerInput;
  }
}

/**
 * An outline under way: a click adds a vertex, Shift + drag adds vertices continuously, right
 * click or Backspace removes the last one, Enter / double click / a click on the first vertex
 * closes it, Esc drops it. After closing, drawing goes on with the next object.
 */
export const drawDrawing = defineState('draw.drawing', {
  enter: (first) => {
    const drag = freehand(true); // the click that entered placed the first vertex
    const removeLast = () => removeLastDraftVertex(0) > 0 || transition('draw.idle');
    return {
      onEnter() {
        setDraft(null);
        addDraftVertex(first);
      },
      onPointerDown(input) {
        if (input.button === 2) return void removeLast();
        if (input.button !== 0) return;
        const [x0, y0] = draftVertices();
        if (draftVertices().length >= 6 && Math.hypot(input.x - x0, input.y - y0) <= GRAB_RADIUS_PX / input.zoom) return finish();
        addDraftVertex(input);
        drag.press();
      },
      onPointerMove: drag.onPointerMove,
      onPointerUp: drag.onPointerUp,
      onDoubleClick: finish,
      onKey(combo) {
        if (combo === 'Enter') finish();
        else if (combo === 'Backspace') removeLast();
        else return false;
        return true;
      },
      onCancel() {
        transition('draw.idle');
      },
      onExit() {
        setDraft(null);
      },
    };
  },
});

/** Closes the outline into a new object, clipped to the image; a zero-area outline stays open. */
function finish(): void {
  const { width, height } = imageBounds();
  const outline = cleanRing(draftVertices());
  if (outline.length < 6 || objectArea([outline]) === 0) return; // keep drawing: not yet a polygon
  const ring = clipRingToBox(outline, { minX: 0, minY: 0, maxX: width, maxY: height });
  if (ring.length < 6) notify('info', 'The outline lies outside the image; nothing was added.');
  else createObject([ring]);
  transition('draw.idle');
}
