/**
 * Review issues: notes a reviewer drops on an image, either at a point (e.g. "missing nucleus
 * here") or on an object (e.g. "wrong outline"). Object anchors follow the object as it is
 * edited; the last seen position is stored so a pin survives the object's deletion.
 */
import { pointInRings, ringArea, ringBox, type Point } from '../geometry';

export type IssueKind = 'missing nucleus' | 'wrong outline' | 'not a nucleus' | 'should be split' | 'should be merged' | 'comment';

/** Every kind with its menu label, in menu order. */
export const ISSUE_KINDS: readonly { kind: IssueKind; label: string }[] = Object.freeze([
  { kind: 'missing nucleus', label: 'Missing nucleus here' },
  { kind: 'wrong outline', label: 'Wrong outline' },
  { kind: 'not a nucleus', label: 'Not a nucleus' },
  { kind: 'should be split', label: 'Should be split' },
  { kind: 'should be merged', label: 'Should be merged' },
  { kind: 'comment', label: 'Comment' },
] as const);

/** The words for an issue kind, as listed in ISSUE_KINDS. */
export function issueKindLabel(kind: IssueKind): string {
  return ISSUE_KINDS.find((candidate) => candidate.kind === kind)?.label ?? kind;
}

export interface IssueComment {
  author: string;
  /** Milliseconds since the epoch. */
  at: number;
  text: string;
}

export interface ReviewIssue {
  id: string;
  imageId: string;
  kind: IssueKind;
  /** Where it was dropped, image pixels; for an object anchor, the object's label point when last seen. */
  x: number;
  y: number;
  /** The object it is about, or null for a point anchor. */
  objectId: string | null;
  status: 'open' | 'resolved';
  /** Oldest first; the first is the description entered when the issue was raised. */
  comments: IssueComment[];

  createdBy: string;
  /** Milliseconds since the epoch (as resolvedAt). */
  createdAt: number;
  resolvedBy?: string;
  resolvedAt?: number;
}

/** When an issue last changed: raised, resolved or commented on (merges keep the livelier side's state). */
export const lastActivity = (issue: Omit<ReviewIssue, 'imageId'>): number =>
  Math.max(issue.createdAt, issue.resolvedAt ?? 0, ...issue.comments.map((comment) => comment.at));

export interface AnchoredIssue {
  issue: ReviewIssue;
  /** Where to draw the pin now, image pixels. */
  x: number;
  y: number;
  /** The issue names an object that no longer exists; the pin stays at its last known point. */
  objectDeleted: boolean;
}

type ObjectsById = ReadonlyMap<string, { rings: number[][] }>;

/**
 * Where each issue is now, in input order: object anchors follow their object's current
 * geometry (labelPoint); an anchor whose object no longer exists (or has no usable outline)
 * stays at its last known point, and is marked objectDeleted only in the first case. Point
 * anchors stay where they were dropped.
 */
export function anchorIssues(issues: readonly ReviewIssue[], objects: ObjectsById): AnchoredIssue[] {
  return issues.map((issue) => {
    if (issue.objectId === null) return { issue, x: issue.x, y: issue.y, objectDeleted: false };
    const object = objects.get(issue.objectId);
    if (object === undefined) return { issue, x: issue.x, y: issue.y, objectDeleted: true };
    const p = labelPoint(object.rings);
    return Number.isFinite(p.x) && Number.isFinite(p.y) ? { issue, x: p.x, y: p.y, objectDeleted: false } : { issue, x: issue.x, y: issue.y, objectDeleted: false };
  });
}

/**
 * The issue with its last known position updated from its object's current geometry (call
 * before persisting after object edits, so the pin survives a later deletion). Returns the
 * same object when nothing changed: point anchors, deleted objects, or an unmoved label point.
 */
export function refreshAnchor(issue: ReviewIssue, objects: ObjectsById): ReviewIssue {
  if (issue.objectId === null) return issue;
  const object = objects.get(issue.objectId);
  if (object === undefined) return issue;
  const p = labelPoint(object.rings);
  if (!Number.isFinite(p.x) || !Number.isFinite(p.y) || (p.x === issue.x && p.y === issue.y)) return issue;
  return { ...issue, x: p.x, y: p.y };
}

/**
 * A point well inside the object's largest ring (by absolute area) and inside the object
 * (even-odd over all rings, so never in a hole), in image pixels. Used to place issue pins and
 * object numbers, so it is cheap: a fixed number of O(vertices) passes, no per-vertex
 * allocation.
 *
 * Method (a pole-of-inaccessibility approximation): seeds are the largest ring's area
 * centroid and the midpoints of the widest inside spans on the horizontal lines at 1/2, 1/4
 * and 3/4 of its box height. Each seed is centred along its vertical then its horizontal inside
 * span, kept only if pointInRings confirms it, and the one farthest from any edge wins (ties:
 * the earlier seed). The search stops at the first seed whose distance to the nearest edge is
 * at least 0.3 x the box's smaller side, so round shapes get their (centred) centroid.
 * Concave shapes, C-shapes and rings with holes, whose centroid lies outside, thus still get
 * an inside point, and tiny shapes (a 3 px triangle) too.
 *
 * Edge cases: rings with fewer than 3 vertices or a non-finite coordinate are ignored; when no
 * inside point is found (zero-area outline) the largest ring's box centre is returned; with no
 * usable ring at all, { x: NaN, y: NaN }.
 */
export function labelPoint(rings: number[][]): Point {
  const usable = rings.filter((ring) => ring.length >= 6 && ring.every(Number.isFinite));
  if (usable.length === 0) return { x: NaN, y: NaN };
  let largest = usable[0];
  let largestArea = Math.abs(ringArea(largest));
  for (let r = 1; r < usable.length; r++) {
    const area = Math.abs(ringArea(usable[r]));
    if (area > largestArea) [largest, largestArea] = [usable[r], area];
  }
  const box = ringBox(largest);
  const fallback = { x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 };
  if (largestArea === 0) return fallback;

  // No inside point is farther than half the box's smaller side from an edge, so a seed at
  // 0.6 of that is within 60% of the best possible: stop there (the usual convex nucleus
  // stops after its centroid, which keeps redraws of thousands of objects cheap).
  const half = Math.min(box.maxX - box.minX, box.maxY - box.minY) / 2;
  const goodEnough2 = (0.6 * half) ** 2;
  let best: Point | null = null;
  let bestClearance2 = -1;
  const consider = (seed: Point): void => {
    const y = spanMiddle(usable, 1, seed.x, seed.y) ?? seed.y;
    const x = spanMiddle(usable, 0, y, seed.x) ?? seed.x;
    if (!pointInRings(usable, x, y) || !pointInRings([largest], x, y)) return;
    const clearance2 = edgeDistance2(usable, x, y);
    if (clearance2 > bestClearance2) [best, bestClearance2] = [{ x, y }, clearance2];
  };
  consider(centroid(largest));
  for (const t of [0.5, 0.25, 0.75]) {
    if (bestClearance2 >= goodEnough2) break;
    const y = box.minY + t * (box.maxY - box.minY);
    const x = widestSpanMiddle(usable, largest, y);
    if (x !== null) consider({ x, y });
  }
  return best ?? fallback;
}

/** Area centroid of one ring (px); the vertex mean when its signed area is 0 (e.g. a bow-tie). */
function centroid(ring: number[]): Point {
  // Relative to the first vertex, so far-from-origin coordinates keep their precision.
  const ox = ring[0], oy = ring[1];
  let a2 = 0, sx = 0, sy = 0, mx = 0, my = 0;
  for (let i = 0, n = ring.length; i < n; i += 2) {
    const j = (i + 2) % n;
    const px = ring[i] - ox, py = ring[i + 1] - oy, qx = ring[j] - ox, qy = ring[j + 1] - oy;
    const cross = px * qy - qx * py;
    a2 += cross;
    sx += (px + qx) * cross;
    sy += (py + qy) * cross;
    mx += px;
    my += py;
  }
  const n = ring.length / 2;
  return a2 === 0 ? { x: ox + mx / n, y: oy + my / n } : { x: ox + sx / (3 * a2), y: oy + sy / (3 * a2) };
}

// Scratch for crossings, reused across calls (one call runs at a time per thread).
const hits: number[] = [];

/**
 * Sorted crossings of all rings with the line where coordinate `axis` (0 = x, 1 = y) is NOT
 * free: axis 0 = the horizontal line y = c (returns x values), axis 1 = the vertical line
 * x = c (returns y values). Half-open at vertices, as pointInRings, so each is counted once.
 */
function crossings(rings: number[][], axis: 0 | 1, c: number): number[] {
  const u = axis, v = 1 - axis; // u: along the line, v: across it
  hits.length = 0;
  for (const ring of rings) {
    const len = ring.length;
    let u1 = ring[len - 2 + u], v1 = ring[len - 2 + v];
    for (let i = 0; i < len; i += 2) {
      const u2 = ring[i + u], v2 = ring[i + v];
      if (v1 > c !== v2 > c) hits.push(u1 + ((c - v1) * (u2 - u1)) / (v2 - v1));
      u1 = u2;
      v1 = v2;
    }
  }
  return hits.sort((a, b) => a - b);
}

/** Middle of the inside span (even-odd) on line `c` of `axis` that contains `at`, or null. */
function spanMiddle(rings: number[][], axis: 0 | 1, c: number, at: number): number | null {
  const xs = crossings(rings, axis, c);
  for (let i = 0; i + 1 < xs.length; i += 2) if (xs[i] <= at && at < xs[i + 1]) return (xs[i] + xs[i + 1]) / 2;
  return null;
}

/** Middle x of the widest inside span on the horizontal line y that lies in `ring`, or null. */
function widestSpanMiddle(rings: number[][], ring: number[], y: number): number | null {
  const xs = crossings(rings, 0, y);
  let best: number | null = null;
  let bestWidth = 0;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const width = xs[i + 1] - xs[i], mid = (xs[i] + xs[i + 1]) / 2;
    // Other pieces of a multi-part object may be wider; the pin belongs on the largest.
    if (width > bestWidth && pointInRings([ring], mid, y)) [best, bestWidth] = [mid, width];
  }
  return best;
}

/** Squared distance (px²) from (x, y) to the nearest edge of any ring. */
function edgeDistance2(rings: number[][], x: number, y: number): number {
  let best = Infinity;
  for (const ring of rings) {
    const len = ring.length;
    let x1 = ring[len - 2], y1 = ring[len - 1];
    for (let i = 0; i < len; i += 2) {
      const x2 = ring[i], y2 = ring[i + 1];
      const dx = x2 - x1, dy = y2 - y1;
      const l2 = dx * dx + dy * dy;
      const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / l2));
      const ex = x1 + t * dx - x, ey = y1 + t * dy - y;
      best = Math.min(best, ex * ex + ey * ey);
      x1 = x2;
      y1 = y2;
    }
  }
  return best;
}
