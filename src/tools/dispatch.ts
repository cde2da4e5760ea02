import { anchorIssues } from '../core/review/issues';
import { objectAt } from '../store/actions/hitTest';
import { openIssue, placeIssue } from '../store/actions/review';
import { getState } from '../store/store';
import { drawPointerDown, drawPointerMove, drawPointerUp, finishDrawing } from './drawTool';
import { editPointerDown, editPointerMove, editPointerUp } from './editTool';
import type { PointerInput } from './input';

/** Issue pins are this big on screen (radius, pixels); a click on one opens its thread. */
export const PIN_RADIUS_PX = 9;

function issueAt(input: PointerInput): string | null {
  const pins = anchorIssues(getState().issues, getState().objects);
  const hit = pins.find((pin) => Math.hypot(pin.x - input.x, pin.y - input.y) * input.zoom <= PIN_RADIUS_PX);
  return hit?.issue.id ?? null;
}

/** Routes pointer input from the canvas: to an issue pin, to dropping an issue, or to the active tool. */
export function toolPointerDown(input: PointerInput): void {
  if (input.button === 0 && getState().placingIssue) {
    placeIssue(input.x, input.y, objectAt(input.x, input.y)?.id ?? null);
    return;
  }
  const pin = input.button === 0 && !getState().draft ? issueAt(input) : null;
  if (pin) openIssue(pin);
  else if (getState().tool === 'draw') drawPointerDown(input);
  else editPointerDown(input);
}

export function toolPointerMove(input: PointerInput): void {
  if (getState().tool === 'draw') drawPointerMove(input);
  else editPointerMove(input);
}

export function toolPointerUp(): void {
  drawPointerUp();
  editPointerUp();
}

export function toolDoubleClick(): void {
  if (getState().tool === 'draw') finishDrawing();
}
