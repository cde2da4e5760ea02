import { clipRingToBox, cleanRing, nearestVertex, objectArea, replaceRingSection } from '../core/geometry';
import { createObject, imageBounds, updateObject } from '../store/actions/annotations';
import { notify } from '../store/actions/notices';
import { allowEdit, mayEdit } from '../store/actions/review';
import { getState, setState } from '../store/store';
import { clampToImage, FREEHAND_SPACING_PX, GRAB_RADIUS_PX, type PointerInput } from './input';

/**
 * Drawing a polygon (N): click adds a vertex, Shift + drag adds vertices continuously, right
 * click or Backspace removes the last one, Enter / double click / a click on the first vertex
 * closes it, Esc cancels. After closing, the tool stays ready for the next object.
 * A draft with `redraw` replaces part of an existing outline instead (Shift + click on a vertex
 * of the selected object, finished by a click on another of its vertices).
 */
/** The left button is down in drawing mode: moving with Shift held then draws freehand. */
let pressed = false;

export function startDrawing(): void {
  // Refused up front, so nobody outlines a whole nucleus only to have it thrown away on closing.
  if (!mayEdit()) {
    allowEdit(); // says why
    return;
  }
  setState({ tool: 'draw', draft: null, preview: null });
}

/** Leaves drawing mode for selecting and editing, dropping any unfinished outline. */
export function stopDrawing(): void {
  setState({ tool: 'select', draft: null });
}

export function startRedraw(objectId: string, ring: number, from: number): void {
  const object = getState().objects.get(objectId);
  if (!object) return;
  const vertices = [object.rings[ring][2 * from], object.rings[ring][2 * from + 1]];
  setState({ tool: 'draw', draft: { vertices, redraw: { objectId, ring, from } }, preview: null });
}

function setVertices(vertices: number[]): void {
  const draft = getState().draft;
  setState({ draft: { vertices, redraw: draft?.redraw ?? null } });
}

export function drawPointerDown(input: PointerInput): void {
  if (input.button === 2) return removeLastVertex();
  if (input.button !== 0) return;
  const [x, y] = clampToImage(input.x, input.y, imageBounds());
  const draft = getState().draft;
  if (!draft) {
    setState({ draft: { vertices: [x, y], redraw: null } });
  } else if (draft.redraw) {
    if (finishRedrawAt(input)) return;
    setVertices([...draft.vertices, x, y]);
  } else if (draft.vertices.length >= 6 && isNear(draft.vertices[0], draft.vertices[1], input)) {
    return finishDrawing();
  } else {
    setVertices([...draft.vertices, x, y]);
  }
  pressed = true;
}

export function drawPointerMove(input: PointerInput): void {
  const draft = getState().draft;
  if (!pressed || !input.shift || !draft) return;
  const n = draft.vertices.length;
  const spacing = FREEHAND_SPACING_PX / input.zoom;
  if (Math.hypot(input.x - draft.vertices[n - 2], input.y - draft.vertices[n - 1]) < spacing) return;
  const [x, y] = clampToImage(input.x, input.y, imageBounds());
  setVertices([...draft.vertices, x, y]);
}

export function drawPointerUp(): void {
  pressed = false;
}

export function removeLastVertex(): void {
  const draft = getState().draft;
  if (!draft) return;
  const keep = draft.redraw ? 2 : 0; // a redraw keeps its starting vertex
  const vertices = draft.vertices.slice(0, Math.max(keep, draft.vertices.length - 2));
  if (vertices.length === 0) setState({ draft: null });
  else setVertices(vertices);
}

export function cancelDraft(): void {
  pressed = false;
  const redraw = getState().draft?.redraw;
  setState({ draft: null, tool: redraw ? 'select' : getState().tool });
}

/** Closes the outline into a new object (clipped to the image); needs at least 3 vertices. */
export function finishDrawing(): void {
  const draft = getState().draft;
  if (!draft || draft.redraw) return;
  const { width, height } = imageBounds();
  const outline = cleanRing(draft.vertices);
  if (outline.length < 6 || objectArea([outline]) === 0) return; // keep drawing: not yet a polygon
  const ring = clipRingToBox(outline, { minX: 0, minY: 0, maxX: width, maxY: height });
  if (ring.length < 6) notify('info', 'The outline lies outside the image; nothing was added.');
  else createObject([ring]);
  pressed = false;
  setState({ draft: null });
}

function isNear(x: number, y: number, input: PointerInput): boolean {
  return Math.hypot(input.x - x, input.y - y) <= GRAB_RADIUS_PX / input.zoom;
}

/** A click on another vertex of the ring being redrawn finishes the redraw there. */
function finishRedrawAt(input: PointerInput): boolean {
  const draft = getState().draft!;
  const { objectId, ring, from } = draft.redraw!;
  const object = getState().objects.get(objectId);
  if (!object) return false;
  const hit = nearestVertex([object.rings[ring]], input.x, input.y, GRAB_RADIUS_PX / input.zoom);
  if (!hit || hit.index === from) return false;
  const path = draft.vertices.slice(2);
  const rings = object.rings.map((candidate, i) => (i === ring ? cleanRing(replaceRingSection(candidate, from, hit.index, path)) : candidate));
  updateObject(objectId, { rings });
  setState({ draft: null, tool: 'select', selectedId: objectId });
  return true;
}
