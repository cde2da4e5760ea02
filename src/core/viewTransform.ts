/**
 * Placement of an image on screen: image point (ix, iy) appears at screen (x + ix * zoom,
 * y + iy * zoom). Screen units are CSS pixels of the viewer; image units are image pixels.
 */
export interface ViewTransform {
  zoom: number;
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

/** 5 % to 6400 %: at the top a single image pixel is a 64-pixel square. */
export const ZOOM_MIN = 0.05;
export const ZOOM_MAX = 64;
/** Each wheel notch or +/- key press zooms by this factor. */
export const ZOOM_STEP = 1.25;

export function clampZoom(zoom: number, fitZoom = ZOOM_MIN): number {
  return Math.min(ZOOM_MAX, Math.max(Math.min(ZOOM_MIN, fitZoom), zoom));
}

/** Zooms by `factor` keeping the image point under `screen` fixed (wheel zoom at the cursor). */
export function zoomAround(view: ViewTransform, factor: number, screen: { x: number; y: number }, fitZoom?: number): ViewTransform {
  const zoom = clampZoom(view.zoom * factor, fitZoom);
  const ix = (screen.x - view.x) / view.zoom;
  const iy = (screen.y - view.y) / view.zoom;
  return { zoom, x: screen.x - ix * zoom, y: screen.y - iy * zoom };
}

/** Zoom at which the whole image fits the viewport (never 0, even for an empty viewport). */
export function fitZoom(image: Size, viewport: Size): number {
  const zoom = Math.min(viewport.width / image.width, viewport.height / image.height);
  return Math.max(zoom, 1e-3);
}

/** The whole image, centred, as large as fits; with `zoom` given, centred at that zoom. */
export function centredView(image: Size, viewport: Size, zoom = fitZoom(image, viewport)): ViewTransform {
  return { zoom, x: (viewport.width - image.width * zoom) / 2, y: (viewport.height - image.height * zoom) / 2 };
}

/** Image coordinates (floating point) of a screen point. */
export function screenToImage(view: ViewTransform, screen: { x: number; y: number }): { x: number; y: number } {
  return { x: (screen.x - view.x) / view.zoom, y: (screen.y - view.y) / view.zoom };
}

/** Integer pixel under an image point, or null outside the image (pixel x covers [x, x+1)). */
export function pixelUnder(point: { x: number; y: number }, image: Size): { x: number; y: number } | null {
  const x = Math.floor(point.x);
  const y = Math.floor(point.y);
  return x >= 0 && y >= 0 && x < image.width && y < image.height ? { x, y } : null;
}

/** The zoom at which a box of `size` image pixels fills `share` of the viewer's smaller side, within [ZOOM_MIN, cap]. */
export function zoomToShow(size: Size, viewport: Size, share: number, cap = 16): number {
  const side = Math.max(size.width, size.height, 1);
  return Math.min(cap, Math.max(ZOOM_MIN, (share * Math.min(viewport.width, viewport.height)) / side));
}
