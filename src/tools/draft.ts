/**
 * The outline being drawn (store `draft`), shared by drawing a new polygon and redrawing part of
 * one: vertices from clicks and from Shift-dragging, clipped to the image.
 */
import { FREEHAND_SPACING_PX } from '../core/interaction';
import { imageBounds } from '../store/actions/annotations';
import { setDraft } from '../store/actions/interaction';
import { getState } from '../store/store';
import { clampToImage, type PointerInput } from './input';
import type { StateHandlers } from './machine';

export function draftVertices(): number[] {
  return getState().draft?.vertices ?? [];
}

/** Adds the pointer's position (clamped to the image) as the next vertex. */
export function addDraftVertex(input: PointerInput): void {
  const [x, y] = clampToImage(input.x, input.y, imageBounds());
  setDraft([...draftVertices(), x, y]);
}

/** While Shift-dragging: a vertex whenever the pointer is FREEHAND_SPACING_PX (screen) from the last. */
function addFreehandVertex(input: PointerInput): void {
  const vertices = draftVertices();
  const n = vertices.length;
  if (!input.shift || n === 0) return;
  if (Math.hypot(input.x - vertices[n - 2], input.y - vertices[n - 1]) < FREEHAND_SPACING_PX / input.zoom) return;
  addDraftVertex(input);
}

/**
 * Freehand drawing while the left button is down: `press` after a click that added a vertex,
 * then moves with Shift held add vertices until the button is released.
 */
export function freehand(pressed: boolean): { press(): void } & Required<Pick<StateHandlers, 'onPointerMove' | 'onPointerUp'>> {
  return {
    press: () => void (pressed = true),
    onPointerMove: (input) => void (pressed && addFreehandVertex(input)),
    onPointerUp: () => void (pressed = false),
  };
}

/** Removes the last vertex, keeping the first `keep`; returns how many vertices are left. */
export function removeLastDraftVertex(keep: number): number {
  const vertices = draftVertices();
  const left = vertices.slice(0, Math.max(2 * keep, vertices.length - 2));
  setDraft(left.length ? left : null);
  return left.length / 2;
}
