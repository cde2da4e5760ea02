import { clampShift, objectBox, translateRings } from '../../core/geometry';
import { byZ, type AnnotationObject, type Ring } from '../../core/objects';
import { getState, setState, type OverlayMode } from '../store';
import { createObject, deleteObjects, editableSelection, imageBounds, selectObject, setSelection, updateObject, updateObjects } from './annotations';
import { screenToImage, zoomToShow } from '../../core/viewTransform';
import { centreOnPoint, setZoom } from './view';

/** Delete: every selected object that is not locked, as one step. */
export function deleteSelection(): void {
  deleteObjects(getState().selectedIds);
}

/** Ctrl+] / Ctrl+[: above or below every other object. */
export function bringToFront(): void {
  restack((objects) => Math.max(...objects.map((object) => object.z)) + 1);
}

export function sendToBack(): void {
  restack((objects) => Math.min(...objects.map((object) => object.z)) - 1);
}

function restack(zFor: (objects: AnnotationObject[]) => number): void {
  const selected = editableSelection();
  if (!selected) return;
  const others = [...getState().objects.values()].filter((object) => object.id !== selected.id);
  if (others.length) updateObject(selected.id, { z: zFor(others) });
}

/**
 * H: hide or show the selected objects (a hidden object is not drawn or picked on the canvas);
 * L: lock or unlock them (a locked object cannot be edited, moved or deleted). One step; the
 * object with handles decides whether all are switched on or off.
 */
function toggleOnSelection(flag: 'hidden' | 'locked'): void {
  const { selectedId, selectedIds, objects } = getState();
  const primary = selectedId ? objects.get(selectedId) : undefined;
  if (!primary) return;
  const value = !primary[flag];
  updateObjects(selectedIds.filter((id) => objects.get(id)?.[flag] !== value).map((id) => ({ id, change: { [flag]: value } })));
}

export const toggleHiddenSelection = () => toggleOnSelection('hidden');
export const toggleLockedSelection = () => toggleOnSelection('locked');

/** Ctrl+A: every visible object of the image. */
export function selectAll(): void {
  setSelection(byZ([...getState().objects.values()]).filter((object) => !object.hidden).map((object) => object.id));
}

export function setOverlayMode(mode: OverlayMode): void {
  setState({ overlay: { ...getState().overlay, mode } });
}

export function setOverlayOpacity(opacity: number): void {
  setState({ overlay: { ...getState().overlay, opacity } });
}

const OVERLAY_CYCLE: OverlayMode[] = ['fill', 'outline', 'hidden'];

/** V: fill, outline only, hidden, and round again. */
export function cycleOverlay(): void {
  const mode = getState().overlay.mode;
  setOverlayMode(OVERLAY_CYCLE[(OVERLAY_CYCLE.indexOf(mode) + 1) % OVERLAY_CYCLE.length]);
}

/** Tab / Shift+Tab: the next or previous visible object in stacking order. */
export function cycleSelection(step: 1 | -1): void {
  const ordered = byZ([...getState().objects.values()]).filter((object) => !object.hidden);
  if (ordered.length === 0) return;
  const index = ordered.findIndex((object) => object.id === getState().selectedId);
  const next = index < 0 ? (step > 0 ? 0 : ordered.length - 1) : (index + step + ordered.length) % ordered.length;
  selectObject(ordered[next].id);
  centreOn(ordered[next].id);
}

/** An object shown smaller than this on screen (CSS pixels) is zoomed in on when it is brought into view. */
const SMALL_ON_SCREEN_PX = 24;

/**
 * Moves the view so the object's centre is in the middle of the viewer, keeping the zoom unless
 * the object would be tiny on screen (a micronucleus at the fit zoom): then it is zoomed in on so
 * that it takes a fifth of the viewer.
 */
export function centreOn(id: string): void {
  const object = getState().objects.get(id);
  if (!object) return;
  const box = objectBox(object.rings);
  const size = { width: box.maxX - box.minX, height: box.maxY - box.minY };
  const { view, viewport } = getState();
  if (Math.max(size.width, size.height) * view.zoom < SMALL_ON_SCREEN_PX) setZoom(Math.max(view.zoom, zoomToShow(size, viewport, 0.2)));
  centreOnPoint((box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2);
}

/** Z: the selected object large in the middle of the viewer (half of its smaller side, at most 1600 %). */
export function zoomToSelection(): void {
  const { selectedId, objects, viewport } = getState();
  const object = selectedId ? objects.get(selectedId) : undefined;
  if (!object) return;
  const box = objectBox(object.rings);
  setZoom(zoomToShow({ width: box.maxX - box.minX, height: box.maxY - box.minY }, viewport, 0.5));
  centreOnPoint((box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2);
}

let clipboard: Ring[] | null = null;

export function copySelection(): void {
  const { selectedId, objects } = getState();
  const object = selectedId ? objects.get(selectedId) : undefined;
  if (object) clipboard = object.rings;
}

/**
 * Ctrl+V: a copy of the copied outline, centred under the mouse when it is over the image,
 * otherwise offset by 10 pixels so it does not hide the original; kept inside the image.
 */
export function paste(): void {
  if (!clipboard) return;
  const box = objectBox(clipboard);
  const { pointer, view } = getState();
  const { width, height } = imageBounds();
  const at = pointer ? screenToImage(view, pointer) : null;
  const underMouse = at && at.x >= 0 && at.y >= 0 && at.x <= width && at.y <= height;
  const shift = underMouse ? [at.x - (box.minX + box.maxX) / 2, at.y - (box.minY + box.maxY) / 2] : [10, 10];
  const [dx, dy] = clampShift(box, shift[0], shift[1], { width, height });
  createObject(translateRings(clipboard, dx, dy));
}
