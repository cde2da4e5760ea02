/**
 * Where issue pins are drawn and hit: beside their anchor, clear of the object's number, at a
 * fixed size on screen. Anchors are image pixels; sizes are screen pixels.
 */
import type { AnchoredIssue } from './issues';

/** Radius of a pin on screen; a click within it opens the issue's thread. */
export const PIN_RADIUS_PX = 9;
/** Pins stand this far up and right of their anchor. */
const PIN_OFFSET_PX = 14;

/** The centre of the pin of an issue anchored at (x, y), in image pixels at this zoom. */
export function pinCentre(x: number, y: number, zoom: number): { x: number; y: number } {
  return { x: x + PIN_OFFSET_PX / zoom, y: y - PIN_OFFSET_PX / zoom };
}

/** The first pin whose circle contains the image point (x, y) at this zoom, or null. */
export function pinAt(pins: readonly AnchoredIssue[], x: number, y: number, zoom: number): AnchoredIssue | null {
  return (
    pins.find((pin) => {
      const centre = pinCentre(pin.x, pin.y, zoom);
      return Math.hypot(centre.x - x, centre.y - y) * zoom <= PIN_RADIUS_PX;
    }) ?? null
  );
}
