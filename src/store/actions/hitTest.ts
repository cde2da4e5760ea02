import { objectBox, pointInRings, type Box } from '../../core/geometry';
import type { AnnotationObject } from '../../core/objects';
import { SpatialIndex } from '../../core/spatialIndex';
import { getState } from '../store';
import type { AppliedChanges } from './afterChange';

/**
 * Finding objects under the mouse in the model, not with one Konva listener per object: a grid
 * of bounding boxes narrows the search to a few candidates, then an exact even-odd test.
 */
let index = new SpatialIndex(1, 1);

export function rebuildHitIndex(objects: Iterable<AnnotationObject>, width: number, height: number): void {
  index = new SpatialIndex(width, height);
  for (const object of objects) index.set(object.id, objectBox(object.rings));
}

/** After a change to the open image's objects: their boxes move in the index. */
export function keepHitIndex({ changes, open }: AppliedChanges): void {
  if (!open) return;
  for (const { id, after } of changes) {
    if (after) index.set(id, objectBox(after.rings));
    else index.delete(id);
  }
}

/** Ids of the objects whose bounding boxes meet an image-space box (what a tile of the canvas must draw). */
export function objectIdsIn(box: Box): string[] {
  return index.candidatesIn(box);
}

/** The topmost visible object containing the image point, or null. */
export function objectAt(x: number, y: number): AnnotationObject | null {
  const { objects, overlay } = getState();
  if (overlay.mode === 'hidden') return null;
  let top: AnnotationObject | null = null;
  for (const id of index.candidatesAt(x, y)) {
    const object = objects.get(id);
    if (!object || object.hidden || (top && top.z > object.z)) continue;
    if (pointInRings(object.rings, x, y)) top = object;
  }
  return top;
}
