import { objectArea, objectBox, ringSelfIntersects, vertexCount, type Box } from './geometry';
import { pieceCount } from './mask/edits';
import type { AnnotationObject } from './objects';

/** Facts shown in the object list and used to draw and flag an object. */
export interface ObjectStats {
  /** Area enclosed by the outline (even-odd), in square image pixels. */
  area: number;
  vertices: number;
  selfIntersecting: boolean;
  box: Box;
  /** 4-connected pieces of its pixels: more than one after an eraser cut it in two, say. */
  pieces: number;
}

/** Objects are immutable, so facts are computed once per object version and remembered. */
const cache = new WeakMap<AnnotationObject, ObjectStats>();

export function objectStats(object: AnnotationObject): ObjectStats {
  let stats = cache.get(object);
  if (!stats) {
    stats = {
      area: objectArea(object.rings),
      vertices: vertexCount(object.rings),
      selfIntersecting: object.rings.some(ringSelfIntersects),
      box: objectBox(object.rings),
      // Only an object of several rings can have several pieces (rasterizing costs more than the rest).
      pieces: object.rings.length > 1 ? pieceCount(object.rings) : 1,
    };
    cache.set(object, stats);
  }
  return stats;
}
