/**
 * On-screen tolerances of the interaction, in screen (CSS) pixels: the tools divide them by the
 * zoom to get image distances, and the canvas draws handles of the same sizes.
 */

/** How close the pointer must be to a vertex or handle to grab it. */
export const GRAB_RADIUS_PX = 8;
/** Spacing between vertices added while Shift-dragging freehand. */
export const FREEHAND_SPACING_PX = 4;
/** A press must move this far before it counts as a drag. */
export const DRAG_THRESHOLD_PX = 3;
