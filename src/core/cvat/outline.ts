/**
 * Imported outlines made fit to be objects: cut to the image, or left out and counted by why,
 * so that a file's junk (a stray click, NaN, a shape off the image) neither comes in as an
 * object nobody can see or edit nor goes unmentioned.
 */
import { clipRingToBox, objectArea } from '../geometry';
import type { Ring } from '../objects';

/** Why an outline was left out. */
export type OutlineProblem = 'tooFewVertices' | 'nonFinite' | 'noArea' | 'outsideImage';

/** Outlines left out, by problem; only problems that occurred are present. */
export type DroppedOutlines = Partial<Record<OutlineProblem, number>>;

/** Each problem in words, in the order messages list them. */
const PROBLEMS: Record<OutlineProblem, string> = {
  tooFewVertices: 'with fewer than 3 vertices',
  nonFinite: 'with coordinates that are not finite numbers',
  noArea: 'with no area (all vertices on a line)',
  outsideImage: 'outside the image',
};

/**
 * The outline (flat x0, y0, …, px) cut to the image (0, 0)–(width, height) by clipRingToBox, or
 * why no object can be made of it: a NaN or infinite coordinate, fewer than 3 different
 * vertices, no area, or no area inside the image.
 */
export function clipOutline(points: Ring, width: number, height: number): Ring | OutlineProblem {
  if (!points.every(Number.isFinite)) return 'nonFinite';
  if (!hasThreeVertices(points)) return 'tooFewVertices';
  const clipped = clipRingToBox(points, { minX: 0, minY: 0, maxX: width, maxY: height });
  if (clipped.length > 0 && objectArea([clipped]) > 0) return clipped;
  // The area of vertices far out can overflow to NaN: that is area all the same, none inside.
  return objectArea([points]) === 0 ? 'noArea' : 'outsideImage';
}

/** Whether the ring has at least three different vertices (repeats anywhere do not count). */
function hasThreeVertices(ring: Ring): boolean {
  let second = -1;
  for (let i = 2; i < ring.length; i += 2) {
    if (ring[i] === ring[0] && ring[i + 1] === ring[1]) continue;
    if (second < 0) second = i;
    else if (ring[i] !== ring[second] || ring[i + 1] !== ring[second + 1]) return true;
  }
  return false;
}

/** For a notice: "3 outlines skipped: 2 with fewer than 3 vertices, 1 outside the image"; null when none were. */
export function describeDroppedOutlines(dropped: DroppedOutlines): string | null {
  const problems = (Object.keys(PROBLEMS) as OutlineProblem[]).filter((problem) => dropped[problem]);
  if (problems.length === 0) return null;
  const total = problems.reduce((sum, problem) => sum + dropped[problem]!, 0);
  return `${total} ${total === 1 ? 'outline' : 'outlines'} skipped: ${problems.map((problem) => `${dropped[problem]} ${PROBLEMS[problem]}`).join(', ')}`;
}
