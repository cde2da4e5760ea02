import { objectBox } from '../../core/geometry';
import type { Ring } from '../../core/objects';
import { centredView, fitZoom, zoomAround, zoomToShow, ZOOM_STEP } from '../../core/viewTransform';
import { currentImage, getState, setState } from '../store';

function imageSize() {
  return currentImage(getState()) ?? { width: 1, height: 1 };
}

function currentFitZoom(): number {
  return fitZoom(imageSize(), getState().viewport);
}

/** Zooms by `factor` around a screen point of the viewer (default: its centre). */
export function zoomBy(factor: number, screen?: { x: number; y: number }): void {
  const { view, viewport } = getState();
  const point = screen ?? { x: viewport.width / 2, y: viewport.height / 2 };
  setState({ view: zoomAround(view, factor, point, currentFitZoom()), autoFit: false });
}

/** Sets the zoom (screen pixels per image pixel), keeping the middle of the viewer where it is. */
export function setZoom(zoom: number): void {
  zoomBy(zoom / getState().view.zoom);
}

export const zoomIn = () => zoomBy(ZOOM_STEP);
export const zoomOut = () => zoomBy(1 / ZOOM_STEP);

export function fitToWindow(): void {
  setState({ view: centredView(imageSize(), getState().viewport), autoFit: true });
}

/** 100 %: one image pixel per screen pixel, keeping the centre of the view where it is. */
export function actualSize(): void {
  setZoom(1);
}

/** Moves the image by a screen distance. */
export function panBy(dx: number, dy: number): void {
  const { view } = getState();
  setState({ view: { ...view, x: view.x + dx, y: view.y + dy }, autoFit: false });
}

export function setViewport(width: number, height: number): void {
  setState({ viewport: { width, height } });
  if (getState().autoFit) fitToWindow();
}

/** Records where the mouse is in the viewer (null: it left the viewer). */
export function setPointer(screen: { x: number; y: number } | null): void {
  setState({ pointer: screen });
}

/**
 * Brings outlines to the middle of the viewer, zoomed in (never out) until they fill `share` of
 * its smaller side (at most `maxZoom`): a proposal or comparison error to look at.
 */
export function bringIntoView(rings: Ring[], share: number, maxZoom?: number): void {
  const box = objectBox(rings);
  const size = { width: box.maxX - box.minX, height: box.maxY - box.minY };
  setZoom(Math.max(getState().view.zoom, zoomToShow(size, getState().viewport, share, maxZoom)));
  centreOnPoint((box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2);
}

/** Keeps the zoom and moves the view so the image point is in the middle of the viewer. */
export function centreOnPoint(x: number, y: number): void {
  const { view, viewport } = getState();
  setState({ view: { ...view, x: viewport.width / 2 - x * view.zoom, y: viewport.height / 2 - y * view.zoom }, autoFit: false });
}
