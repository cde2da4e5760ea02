/**
 * On-screen tolerances of the interaction, in screen (CSS) pixels: the tools divide them by the
 * zoom to get image distances, and the canvas draws handles of the same sizes.
 */
import { ringBox } from './geometry';
import type { Ring } from './objects';

/** How close the pointer must be to a vertex or handle to grab it. */
export const GRAB_RADIUS_PX = 8;
/** Spacing between vertices added while Shift-dragging freehand. */
export const FREEHAND_SPACING_PX = 4;
/** A press must move this far before it counts as a drag. */
export const DRAG_THRESHOLD_PX = 3;
/**
 * A click on the first vertex closes an outline only when the outline is at least this big on
 * screen (width or height): on a smaller one (a micronucleus at 1:1) every click would land near
 * the first vertex, so there it adds a vertex, and Enter, N or a double click closes.
 */
export const CLOSE_BY_CLICK_MIN_PX = 4 * GRAB_RADIUS_PX;

/** Whether a click at (x, y) (image pixels) closes the outline `vertices` drawn at `zoom`. */
export function clickClosesOutline(vertices: readonly number[], x: number, y: number, zoom: number): boolean {
  if (vertices.length < 6 || Math.hypot(x - vertices[0], y - vertices[1]) * zoom > GRAB_RADIUS_PX) return false;
  const { minX, minY, maxX, maxY } = ringBox(vertices as Ring);
  return Math.max(maxX - minX, maxY - minY) * zoom >= CLOSE_BY_CLICK_MIN_PX;
}
