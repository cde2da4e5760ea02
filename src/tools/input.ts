/** A pointer event as the tools see it: the point in image pixels plus what was held. */
export interface PointerInput {
  /** Image coordinates, floating point (pixel (x, y) covers [x, x+1) x [y, y+1)). */
  x: number;
  y: number;
  /** 0 left, 1 middle, 2 right. */
  button: number;
  shift: boolean;
  alt: boolean;
  ctrl: boolean;
  /** Screen pixels per image pixel, to turn on-screen tolerances into image distances. */
  zoom: number;
}

export function clampToImage(x: number, y: number, size: { width: number; height: number }): [number, number] {
  return [Math.min(Math.max(x, 0), size.width), Math.min(Math.max(y, 0), size.height)];
}
