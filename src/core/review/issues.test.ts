import { describe, expect, it } from 'vitest';
import { pointInRings } from '../geometry';
import { anchorIssues, ISSUE_KINDS, labelPoint, refreshAnchor, type ReviewIssue } from './issues';

const square = (x: number, y: number, size: number): number[] => [x, y, x + size, y, x + size, y + size, x, y + size];
/** Squared distance to the nearest edge, brute force, for "well inside" checks. */
function clearance(rings: number[][], x: number, y: number): number {
  let best = Infinity;
  for (const r of rings) {
    for (let i = 0; i < r.length; i += 2) {
      const j = (i + 2) % r.length;
      const dx = r[j] - r[i], dy = r[j + 1] - r[i + 1];
      const t = Math.max(0, Math.min(1, ((x - r[i]) * dx + (y - r[i + 1]) * dy) / (dx * dx + dy * dy)));
      best = Math.min(best, Math.hypot(r[i] + t * dx - x, r[i + 1] + t * dy - y));
    }
  }
  return best;
}
function circle(cx: number, cy: number, radius: number, n: number): number[] {
  const ring: number[] = [];
  for (let k = 0; k < n; k++) ring.push(cx + radius * Math.cos((2 * Math.PI * k) / n), cy + radius * Math.sin((2 * Math.PI * k) / n));
  return ring;
}

describe('labelPoint', () => {
  it('centres convex shapes', () => {
    expect(labelPoint([square(10, 20, 8)])).toEqual({ x: 14, y: 24 });
    const p = labelPoint([circle(100, 50, 12, 40)]);
    expect(p.x).toBeCloseTo(100, 9);
    expect(p.y).toBeCloseTo(50, 9);
    // Right triangle: the centroid (10, 10) is 7.07 px from the hypotenuse; the search finds
    // a point nearer the incentre (8.79, 8.79; radius 8.79).
    const triangle = [[0, 0, 30, 0, 0, 30]];
    const t = labelPoint(triangle);
    expect(pointInRings(triangle, t.x, t.y)).toBe(true);
    expect(clearance(triangle, t.x, t.y)).toBeGreaterThan(7.07);
  });

  it('finds a point well inside a C-shape whose centroid is in the gap', () => {
    // 30 x 30 with a 20 x 10 notch from the right: arms 10 px thick.
    const c = [0, 0, 30, 0, 30, 10, 10, 10, 10, 20, 30, 20, 30, 30, 0, 30];
    expect(pointInRings([c], 15.3, 15)).toBe(false); // the centroid is outside
    const p = labelPoint([c]);
    expect(pointInRings([c], p.x, p.y)).toBe(true);
    expect(clearance([c], p.x, p.y)).toBeGreaterThanOrEqual(4.5); // half an arm's thickness ≈ 5
  });

  it('avoids the hole of a ring (annulus) and stays in the band', () => {
    const rings = [square(0, 0, 40), square(10, 10, 20)];
    const p = labelPoint(rings);
    expect(pointInRings(rings, p.x, p.y)).toBe(true);
    expect(clearance(rings, p.x, p.y)).toBeCloseTo(5, 6);
  });

  it('prefers the thick part of an L-shape over a thin arm', () => {
    const l = [0, 0, 4, 0, 4, 40, 30, 40, 30, 60, 0, 60]; // 4 px arm on top of a 20 px base
    const p = labelPoint([l]);
    expect(pointInRings([l], p.x, p.y)).toBe(true);
    expect(clearance([l], p.x, p.y)).toBeGreaterThanOrEqual(8);
  });

  it('places pins inside tiny shapes', () => {
    for (const rings of [[[0, 0, 3, 0, 0, 3]], [square(5, 5, 1)], [[0, 0, 3, 0, 3, 1, 0, 1]], [[2, 0, 3, 2, 1, 3, 0, 1]]]) {
      const p = labelPoint(rings);
      expect(pointInRings(rings, p.x, p.y)).toBe(true);
    }
    expect(labelPoint([square(5, 5, 1)])).toEqual({ x: 5.5, y: 5.5 });
  });

  it('stays on the largest piece of a multi-part object, also far from the origin', () => {
    const rings = [square(0, 0, 4), square(100, 100, 10)];
    expect(labelPoint(rings)).toEqual({ x: 105, y: 105 });
    const far = labelPoint([square(1e7, 1e7, 3)]);
    expect(far).toEqual({ x: 1e7 + 1.5, y: 1e7 + 1.5 });
  });

  it('handles self-intersecting and degenerate outlines', () => {
    const bowTie = [0, 0, 10, 10, 10, 0, 0, 10]; // signed area 0: vertex mean (5, 5) is on the crossing
    const p = labelPoint([bowTie]);
    expect(pointInRings([bowTie], p.x, p.y)).toBe(true);
    expect(labelPoint([[0, 0, 5, 0, 10, 0]])).toEqual({ x: 5, y: 0 }); // zero area: box centre
    expect(labelPoint([[0, 0, 2, 2]])).toEqual({ x: NaN, y: NaN }); // no usable ring
    expect(labelPoint([])).toEqual({ x: NaN, y: NaN });
    expect(labelPoint([[0, 0, NaN, 0, 0, 5], square(0, 0, 2)])).toEqual({ x: 1, y: 1 }); // broken ring ignored
  });

});

const issue = (over: Partial<ReviewIssue>): ReviewIssue => ({
  id: 'i1', imageId: 'img', kind: 'wrong outline', x: 1, y: 2, objectId: null, status: 'open',
  comments: [{ author: 'rev', at: 5, text: 'too tight' }], createdBy: 'rev', createdAt: 5, ...over,
});

describe('issue anchors', () => {
  const objects = new Map([['o1', { rings: [square(10, 10, 10)] }], ['flat', { rings: [[0, 0, 1, 1]] }]]);

  it('lists every kind with its label', () => {
    expect(ISSUE_KINDS.map((k) => k.label)).toEqual(['Missing nucleus here', 'Wrong outline', 'Not a nucleus', 'Should be split', 'Should be merged', 'Comment']);
    expect(new Set(ISSUE_KINDS.map((k) => k.kind)).size).toBe(6);
  });

  it('keeps point anchors, follows objects, and marks deleted objects', () => {
    const point = issue({ id: 'p', kind: 'missing nucleus', x: 7, y: 8 });
    const onObject = issue({ id: 'o', objectId: 'o1', x: 0, y: 0 });
    const gone = issue({ id: 'g', objectId: 'deleted', x: 3, y: 4 });
    const broken = issue({ id: 'b', objectId: 'flat', x: 9, y: 9 });
    expect(anchorIssues([point, onObject, gone, broken], objects)).toEqual([
      { issue: point, x: 7, y: 8, objectDeleted: false },
      { issue: onObject, x: 15, y: 15, objectDeleted: false },
      { issue: gone, x: 3, y: 4, objectDeleted: true },
      { issue: broken, x: 9, y: 9, objectDeleted: false },
    ]);
  });

  it('refreshes the last known position, returning the same object when nothing changed', () => {
    const onObject = issue({ objectId: 'o1', x: 0, y: 0 });
    const refreshed = refreshAnchor(onObject, objects);
    expect(refreshed).toEqual({ ...onObject, x: 15, y: 15 });
    expect(onObject.x).toBe(0); // not mutated
    expect(refreshAnchor(refreshed, objects)).toBe(refreshed);
    const point = issue({});
    expect(refreshAnchor(point, objects)).toBe(point);
    const gone = issue({ objectId: 'deleted' });
    expect(refreshAnchor(gone, objects)).toBe(gone);
    // After the object is deleted the refreshed position is where the pin stays.
    expect(anchorIssues([refreshed], new Map())[0]).toMatchObject({ x: 15, y: 15, objectDeleted: true });
  });
});
