/**
 * The interaction: every state registered once, and the entry points the canvas, the keyboard
 * and the toolbar use. They only forward input to the current state (see machine.ts). A new
 * mode or state is one file plus one line in the list below.
 */
import { setBrushErases } from '../store/actions/corrections';
import { notify } from '../store/actions/notices';
import { prepareOneClick } from '../store/actions/proposals';
import { mayEdit, allowEdit } from '../store/actions/review';
import { getState, useAppStore } from '../store/store';
import { assistMode } from './assist/assist';
import { assistIdle } from './assist/idle';
import { brushMode } from './brush/brush';
import { brushIdle } from './brush/idle';
import { brushPainting } from './brush/painting';
import { cutDrawing, cutMode } from './cut/drawing';
import { drawMode } from './draw/draw';
import { drawDrawing } from './draw/drawing';
import { drawIdle } from './draw/idle';
import { drawRedrawing } from './draw/redrawing';
import type { PointerInput } from './input';
import { issuePlacing } from './issue/placing';
import { currentMode, currentPath, handlerOf, register, transition } from './machine';
import { selectBoxing } from './select/boxing';
import { selectIdle } from './select/idle';
import { selectPointing } from './select/pointing';
import { selectMode } from './select/select';
import { selectTranslating } from './select/translating';
import { selectDraggingVertex, selectInserting } from './select/vertexDrag';

register([
  selectMode,
  selectIdle,
  selectPointing,
  selectTranslating,
  selectDraggingVertex,
  selectInserting,
  drawMode,
  drawIdle,
  drawDrawing,
  drawRedrawing,
  issuePlacing,
  assistMode,
  assistIdle,
  selectBoxing,
  brushMode,
  brushIdle,
  brushPainting,
  cutMode,
  cutDrawing,
]);
transition('select.idle');

export type { PointerInput };

export function toolPointerDown(input: PointerInput): void {
  handlerOf('onPointerDown')?.(input);
}

export function toolPointerMove(input: PointerInput): void {
  handlerOf('onPointerMove')?.(input);
}

export function toolPointerUp(): void {
  handlerOf('onPointerUp')?.();
}

export function toolDoubleClick(): void {
  handlerOf('onDoubleClick')?.();
}

/** Offers a key combination to the current state; returns whether it used it. */
export function toolKey(combo: string): boolean {
  return handlerOf('onKey')?.(combo) ?? false;
}

/** Esc: the current state gives up what it is doing (see each state). */
export function cancelInteraction(): void {
  handlerOf('onCancel')?.();
}

/** N / "Draw polygon": ready to outline the next object (while drawing, N closes the outline, as in CVAT); refused (and why said) on a locked image. */
export function startDrawing(): void {
  if (toolKey('N')) return;
  if (!mayEdit()) allowEdit(); // says why
  else transition('draw.idle');
}

/** K / "One click": a click outlines the nucleus under it; refused (and why said) on a locked image. */
export function startOneClick(): void {
  if (!mayEdit()) allowEdit(); // says why
  else transition('assist.idle');
}

/** B / E: the brush paints into the selected object (or starts one), the eraser takes away from it. */
export function startBrush(erases: boolean): void {
  if (!mayEdit()) return void allowEdit(); // says why
  setBrushErases(erases);
  transition('brush.idle');
}

/** S: draw a line across the selected object to cut it in two. */
export function startCut(): void {
  if (!mayEdit()) allowEdit(); // says why
  else if (!getState().selectedId) notify('info', 'Select the object to cut first, then draw a line across it (S).');
  else transition('cut.drawing');
}

/** "Select": back to selecting and editing, dropping an unfinished outline. */
export function stopDrawing(): void {
  transition('select.idle');
}

/** I / "Add issue": the next click drops an issue; pressed again, it stops. Only between gestures. */
export function togglePlacingIssue(): void {
  const path = currentPath();
  if (path === 'issue.placing') cancelInteraction();
  else if (path === 'select.idle' || path === 'draw.idle' || path === 'assist.idle') transition('issue.placing', { returnTo: path });
}

/** Another image: whatever gesture was under way ends, the mode stays. */
function resetInteraction(): void {
  const mode = currentMode();
  transition(mode === 'draw' ? 'draw.idle' : mode === 'assist' ? 'assist.idle' : mode === 'brush' ? 'brush.idle' : 'select.idle');
}

useAppStore.subscribe((state, previous) => {
  if (state.currentId !== previous.currentId) resetInteraction();
  else if (state.objectsImageId && state.objectsImageId !== previous.objectsImageId && currentPath() === 'assist.idle') prepareOneClick();
  // Objects loaded with an outline left unfinished on this image (before a switch or a reload): draw on.
  else if (state.objectsImageId && state.objectsImageId !== previous.objectsImageId && state.draft && currentPath() !== 'draw.drawing' && mayEdit()) {
    transition('draw.drawing', { vertices: state.draft.vertices });
  }
});
