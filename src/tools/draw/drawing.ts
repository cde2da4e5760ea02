import { cleanRing, clipRingToBox, objectArea } from '../../core/geometry';
import { clickClosesOutline } from '../../core/interaction';
import { rasterizeLocal } from '../../core/mask/rasterize';
import { createObject, imageBounds } from '../../store/actions/annotations';
import { setDraft } from '../../store/actions/interaction';
import { notify } from '../../store/actions/notices';
import { addDraftVertex, draftVertices, freehand, removeLastDraftVertex } from '../draft';
import { defineState, transition } from '../machine';

declare module '../machine' {
  interface StateData {
    /** Entered with the outline so far (image pixels): the first click's vertex, or an outline left unfinished. */
    'draw.drawing': { vertices: number[] };
  }
}

/**
 * An outline under way: a click adds a vertex, Shift + drag adds vertices continuously, right
 * click or Backspace removes the last one; Enter, N, a double click or (on an outline that is
 * not tiny on screen) a click on the first vertex closes it; Esc drops it. After closing,
 * drawing goes on with the next object. An outline that cannot become an object is dropped and
 * the user told why, so it is never joined to the next one.
 */
export const drawDrawing = defineState('draw.drawing', {
  enter: ({ vertices }) => {
    const drag = freehand(true); // entered by the press that placed the first vertex
    const removeLast = () => removeLastDraftVertex(0) > 0 || transition('draw.idle');
    return {
      onEnter() {
        setDraft(vertices);
      },
      onPointerDown(input) {
        if (input.button === 2) return void removeLast();
        if (input.button !== 0) return;
        if (clickClosesOutline(draftVertices(), input.x, input.y, input.zoom)) return finish();
        addDraftVertex(input);
        drag.press();
      },
      onPointerMove: drag.onPointerMove,
      onPointerUp: drag.onPointerUp,
      onDoubleClick: finish,
      onKey(combo) {
        if (combo === 'Enter' || combo === 'N') finish();
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

/**
 * Closes the outline into a new object, clipped to the image, then gets ready for the next one.
 * An outline with fewer than 3 distinct vertices, no area, or no pixel centre inside (it would be
 * empty in every mask) is dropped with a notice saying so.
 */
function finish(): void {
  const bounds = imageBounds();
  const outline = cleanRing(draftVertices());
  const ring = outline.length >= 6 ? clipRingToBox(outline, { minX: 0, minY: 0, maxX: bounds.width, maxY: bounds.height }) : [];
  const reason =
    outline.length < 6
      ? 'it has fewer than 3 vertices'
      : objectArea([outline]) === 0
        ? 'it encloses no area'
        : ring.length < 6
          ? 'it lies outside the image'
          : !rasterizeLocal([ring]).includes(1)
            ? 'it covers no pixel centre, so it would be empty in the mask (zoom in and outline the object wider)'
            : null;
  if (reason) notify('info', `Outline not added: ${reason}.`);
  else createObject([ring]);
  transition('draw.idle');
}
