import { insertVertex, moveVertex, nearestVertex, objectBox, removeVertex, translateRings } from '../core/geometry';
import type { Ring } from '../core/objects';
import { editableSelection, imageBounds, selectObject, updateObject } from '../store/actions/annotations';
import { objectAt } from '../store/actions/hitTest';
import { getState, setState } from '../store/store';
import { startRedraw } from './drawTool';
import { clampToImage, DRAG_THRESHOLD_PX, GRAB_RADIUS_PX, type PointerInput } from './input';

/**
 * Selecting and editing: click selects the topmost object; on the selected object, drag a
 * vertex to move it, drag an edge's midpoint handle to insert a vertex, Alt + click or right
 * click a vertex to delete it, Shift + click a vertex to redraw part of the outline, drag the
 * object to move it. A whole drag is one undo step; the live shape is `preview` meanwhile.
 */
type Gesture =
  | { kind: 'idle' }
  | { kind: 'press'; id: string; startX: number; startY: number; original: Ring[] }
  | { kind: 'move-object'; id: string; startX: number; startY: number; original: Ring[] }
  | { kind: 'move-vertex'; id: string; ring: number; index: number; original: Ring[]; inserted: Ring[] };

let gesture: Gesture = { kind: 'idle' };

/** Midpoints of every edge of the selected object's rings, where insert handles are drawn. */
export function edgeMidpoints(rings: Ring[]): Array<{ ring: number; index: number; x: number; y: number }> {
  return rings.flatMap((ring, r) => {
    const n = ring.length / 2;
    return Array.from({ length: n }, (_, i) => {
      const j = (i + 1) % n;
      return { ring: r, index: i, x: (ring[2 * i] + ring[2 * j]) / 2, y: (ring[2 * i + 1] + ring[2 * j + 1]) / 2 };
    });
  });
}

export function editPointerDown(input: PointerInput): void {
  if (input.button !== 0 && input.button !== 2) return;
  const selected = editableSelection();
  const grab = GRAB_RADIUS_PX / input.zoom;
  if (selected) {
    const vertex = nearestVertex(selected.rings, input.x, input.y, grab);
    if (vertex && (input.alt || input.button === 2)) {
      const rings = selected.rings.map((ring, r) => (r === vertex.ring ? removeVertex(ring, vertex.index) : ring));
      if (rings[vertex.ring] !== selected.rings[vertex.ring]) updateObject(selected.id, { rings });
      return;
    }
    if (input.button !== 0) return;
    if (vertex && input.shift) return startRedraw(selected.id, vertex.ring, vertex.index);
    if (vertex) {
      gesture = { kind: 'move-vertex', id: selected.id, ring: vertex.ring, index: vertex.index, original: selected.rings, inserted: selected.rings };
      return;
    }
    const midpoint = edgeMidpoints(selected.rings).find((m) => Math.hypot(m.x - input.x, m.y - input.y) <= grab);
    if (midpoint) {
      const inserted = selected.rings.map((ring, r) => (r === midpoint.ring ? insertVertex(ring, midpoint.index, midpoint.x, midpoint.y) : ring));
      gesture = { kind: 'move-vertex', id: selected.id, ring: midpoint.ring, index: midpoint.index + 1, original: selected.rings, inserted };
      setState({ preview: { id: selected.id, rings: inserted } });
      return;
    }
  }
  if (input.button !== 0) return;
  const hit = objectAt(input.x, input.y);
  selectObject(hit?.id ?? null);
  if (hit && !hit.locked) gesture = { kind: 'press', id: hit.id, startX: input.x, startY: input.y, original: hit.rings };
}

export function editPointerMove(input: PointerInput): void {
  if (gesture.kind === 'press') {
    const moved = Math.hypot(input.x - gesture.startX, input.y - gesture.startY) * input.zoom;
    if (moved < DRAG_THRESHOLD_PX) return;
    gesture = { ...gesture, kind: 'move-object' };
  }
  if (gesture.kind === 'move-object') {
    const [dx, dy] = clampedShift(gesture.original, input.x - gesture.startX, input.y - gesture.startY);
    setState({ preview: { id: gesture.id, rings: translateRings(gesture.original, dx, dy) } });
  } else if (gesture.kind === 'move-vertex') {
    const [x, y] = clampToImage(input.x, input.y, imageBounds());
    const { ring, index, inserted } = gesture;
    setState({ preview: { id: gesture.id, rings: inserted.map((r, i) => (i === ring ? moveVertex(r, index, x, y) : r)) } });
  }
}

/** Ends a drag: the final shape becomes one undo step (nothing if it did not change). */
export function editPointerUp(): void {
  const preview = getState().preview;
  const active = gesture;
  gesture = { kind: 'idle' };
  setState({ preview: null });
  if ((active.kind === 'move-object' || active.kind === 'move-vertex') && preview?.id === active.id && preview.rings !== active.original) {
    updateObject(active.id, { rings: preview.rings });
  }
}

/** Moves the selected object by whole pixels (arrow keys), kept inside the image. */
export function nudgeSelection(dx: number, dy: number): void {
  const selected = editableSelection();
  if (!selected) return;
  const [sx, sy] = clampedShift(selected.rings, dx, dy);
  if (sx !== 0 || sy !== 0) updateObject(selected.id, { rings: translateRings(selected.rings, sx, sy) });
}

/** The part of a shift (dx, dy) that keeps the object's bounding box inside the image. */
function clampedShift(rings: Ring[], dx: number, dy: number): [number, number] {
  const box = objectBox(rings);
  const { width, height } = imageBounds();
  return [Math.min(Math.max(dx, -box.minX), width - box.maxX), Math.min(Math.max(dy, -box.minY), height - box.maxY)];
}
