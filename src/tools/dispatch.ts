import { anchorIssues } from '../core/review/issues';
import { objectAt } from '../store/actions/hitTest';
import { openIssue, placeIssue } from '../store/actions/review';
import { getState } from '../store/store';
import { drawPointerDown, drawPointerMove, drawPointerUp, finishDrawing } from './drawTool';
import { editPointerDown, editPointerMove, editPointerUp } from './editTool';
import type { PointerInput } from './input';

/** Issue pins are this big on screen (radius, pixels); a click on one opens its thread. */
export const PIN_RADIUS_PX = 9;
/** Pins stand this far (screen pixels) up and right of their anchor, clear of the object's number. */
const PIN_OFFSET_PX = 14;

/** Where the pin of an issue anchored at (x, y) is drawn, in image pixels at this zoom. */
export function pinCentre(x: number, y: number, zoom: number): { x: number; y: number } {
  return { x: x + PIN_OFFSET_PX / zoom, y: y - PIN_OFFSET_PX / zoom };
}

function issueAt(input: PointerInput): string | null {
  const pins = anchorIssues(getState().issues, getState().objects);
  const hit = pins.find((pin) => {
    const centre = pinCentre(pin.x, pin.y, input.zoom);
    return Math.hypot(centre.x - input.x, centre.y - input.y) * input.zoom <= PIN_RADIUS_PX;
  });
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
