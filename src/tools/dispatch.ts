import { getState } from '../store/store';
import { drawPointerDown, drawPointerMove, drawPointerUp, finishDrawing } from './drawTool';
import { editPointerDown, editPointerMove, editPointerUp } from './editTool';
import type { PointerInput } from './input';

/** Routes pointer input from the canvas to the active tool. */
export function toolPointerDown(input: PointerInput): void {
  if (getState().tool === 'draw') drawPointerDown(input);
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
