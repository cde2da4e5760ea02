/**
 * Polygon geometry on the annotation model (../objects.ts): rings are flat x0,y0,x1,y1,… lists
 * in image pixels ((0,0) = top-left corner of the top-left pixel, y down) with an implied
 * closing edge, and an object's rings are filled together by the even-odd rule.
 *
 * Import from here; the implementation is split by topic under ./geometry/.
 */
export { type Point, type Box, EMPTY_BOX, ringArea, vertexCount, ringBox, objectBox, boxesIntersect, pointInRings, translateRings, clampShift, cleanRing } from './geometry/rings';
export { objectArea } from './geometry/evenOddArea';
export { ringSelfIntersects } from './geometry/selfIntersection';
export { clipRingToBox } from './geometry/clip';
export { type VertexHit, nearestVertex, removeVertex, insertVertex, moveVertex, replaceRingSection, edgeMidpoints } from './geometry/edit';
export { simplifyRingLossy } from './geometry/simplifyLossy';
