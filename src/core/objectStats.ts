import { objectArea, objectBox, ringSelfIntersects, vertexCount, type Box } from './geometry';
import type { AnnotationObject } from './objects';

/** Facts shown in the object list and used to draw and flag an object. */
export interface ObjectStats {
  /** Area enclosed by the outline (even-odd), in square image pixels. */
  area: number;
  vertices: number;
  selfIntersecting: boolean;
  box: Box;
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
    };
    cache.set(object, stats);
  }
  return stats;
}
