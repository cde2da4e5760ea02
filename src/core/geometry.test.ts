import { describe, expect, it } from 'vitest';
import {
  clipRingToBox, cleanRing, edgeMidpoints, insertVertex, moveVertex, nearestVertex, objectArea, objectBox, pointInRings,
  clampShift, removeVertex, simplifyRingLossy, replaceRingSection, ringArea, ringBox, ringSelfIntersects, translateRings, vertexCount,
} from './geometry';
import type { Ring } from './objects';
import { createRng } from './random';

const square = (x: number, y: number, size: number): Ring => [x, y, x + size, y, x + size, y + size, x, y + size];
const reversed = (ring: Ring): Ring => {
  const out: Ring = [];
  for (let i = ring.length - 2; i >= 0; i -= 2) out.push(ring[i], ring[i + 1]);
  return out;
};
/** Area filled by even-odd, estimated by sampling a fine grid with pointInRings. */
function sampledArea(rings: Ring[], size: number, step: number): number {
  let hits = 0;
  for (let y = step / 2 + 1e-7; y < size; y += step) for (let x = step / 2 + 1e-7; x < size; x += step) if (pointInRings(rings, x, y)) hits++;
  return hits * step * step;
}
const bowTie: Ring = [0, 0, 10, 10, 10, 0, 0, 10]; // crosses at (5, 5): two triangles of 25 px²

describe('areas', () => {
  it('signs the shoelace area: positive clockwise on screen (y down)', () => {
    expect(ringArea(square(0, 0, 1))).toBe(1);
    expect(ringArea(reversed(square(0, 0, 1)))).toBe(-1);
    expect(ringArea([0, 0, 4, 0, 0, 3])).toBe(6);
    expect(ringArea([0, 0, 4, 0])).toBe(0);
    expect(ringArea(bowTie)).toBe(0);
    expect(ringArea(square(1e7 + 0.25, 1e7 + 0.5, 0.5))).toBe(0.25);
  });

  it('fills by even-odd: outer minus hole whatever the orientations', () => {
    expect(objectArea([square(0, 0, 1)])).toBe(1);
    expect(objectArea([[0, 0, 4, 0, 0, 3]])).toBe(6);
    expect(objectArea([square(0, 0, 10), square(3, 3, 4)])).toBe(84);
    expect(objectArea([square(0, 0, 10), reversed(square(3, 3, 4))])).toBe(84);
    expect(objectArea([square(0, 0, 10), square(3, 3, 4), square(4, 4, 2)])).toBe(88); // island in the hole
    expect(objectArea([square(0, 0, 2), square(5, 0, 3)])).toBe(13); // two pieces
    expect(objectArea([])).toBe(0);
  });

  it('is exact where rings cross, touch or repeat', () => {
    expect(objectArea([bowTie])).toBe(50);
    expect(objectArea([square(0, 0, 4), square(2, 2, 4)])).toBe(24); // overlap of 4 cancels
    expect(objectArea([square(0, 0, 4), square(0, 0, 4)])).toBe(0);
    expect(objectArea([square(0, 0, 4), square(2, 2, 2)])).toBe(12); // hole sharing the corner edges
    expect(objectArea([square(0, 0, 2), square(2, 2, 2)])).toBe(8); // pieces meeting at a corner
    // Traced-mask style pinch: one ring through (2, 2) twice.
    expect(objectArea([[0, 0, 2, 0, 2, 2, 4, 2, 4, 4, 2, 4, 2, 2, 0, 2]])).toBe(8);
  });

  it('agrees with pixel sampling on random self-crossing rings', () => {
    const rng = createRng(7);
    for (let k = 0; k < 20; k++) {
      const rings: Ring[] = [];
      for (let r = 0; r < 1 + (k % 3); r++) rings.push(Array.from({ length: 2 * rng.int(3, 9) }, () => rng.range(0, 20)));
      expect(Math.abs(objectArea(rings) - sampledArea(rings, 20, 0.04))).toBeLessThan(0.1);
    }
  });

  it('counts vertices and boxes', () => {
    expect(vertexCount([square(0, 0, 1), [0, 0, 1, 1, 2, 0]])).toBe(7);
    expect(ringBox([3, 4, -1, 8, 2, 0])).toEqual({ minX: -1, minY: 0, maxX: 3, maxY: 8 });
    expect(objectBox([square(0, 0, 1), square(5, -2, 1)])).toEqual({ minX: 0, minY: -2, maxX: 6, maxY: 1 });
    const empty = objectBox([]);
    expect(empty.minX > empty.maxX && empty.minY > empty.maxY).toBe(true);
  });

  it('translates into new arrays', () => {
    const rings = [square(0, 0, 1)];
    expect(translateRings(rings, 2, -1)).toEqual([[2, -1, 3, -1, 3, 0, 2, 0]]);
    expect(rings[0]).toEqual(square(0, 0, 1));
  });
});

describe('pointInRings', () => {
  it('tests pixel centres', () => {
    const rect = [square(2, 2, 3)]; // pixels 2..4 in x and y
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) {
      expect(pointInRings(rect, x + 0.5, y + 0.5)).toBe(x >= 2 && x <= 4 && y >= 2 && y <= 4);
    }
  });

  it('is half-open on the boundary like pixels: left and top in, right and bottom out', () => {
    const rect = [square(0, 0, 2)];
    expect(pointInRings(rect, 0, 1)).toBe(true);
    expect(pointInRings(rect, 1, 0)).toBe(true);
    expect(pointInRings(rect, 0, 0)).toBe(true);
    expect(pointInRings(rect, 2, 1)).toBe(false);
    expect(pointInRings(rect, 1, 2)).toBe(false);
    // A point on an edge shared by two rectangles belongs to exactly one of them.
    expect(pointInRings([square(2, 0, 2)], 2, 1)).toBe(true);
  });

  it('uses even-odd across rings and crossings', () => {
    const holed = [square(0, 0, 10), square(3, 3, 4)];
    expect(pointInRings(holed, 1.5, 1.5)).toBe(true);
    expect(pointInRings(holed, 5.5, 5.5)).toBe(false);
    expect(pointInRings(holed, 8.5, 5.5)).toBe(true);
    expect(pointInRings(holed, 10.5, 5.5)).toBe(false);
    expect(pointInRings([bowTie], 5.5, 2.5)).toBe(false); // above the crossing, between the lobes
    expect(pointInRings([bowTie], 2.5, 4.5)).toBe(true);
    expect(pointInRings([bowTie], 7.5, 5.5)).toBe(true);
    expect(pointInRings([bowTie], 5.5, 8.5)).toBe(false);
    expect(pointInRings([[0, 0, 1, 1]], 0.5, 0.5)).toBe(false);
  });
});

describe('ringSelfIntersects', () => {
  it('accepts simple rings, convex or not', () => {
    expect(ringSelfIntersects(square(0, 0, 4))).toBe(false);
    expect(ringSelfIntersects([0, 0, 4, 0, 2, 3])).toBe(false);
    expect(ringSelfIntersects([0, 0, 6, 0, 6, 6, 4, 6, 4, 2, 2, 2, 2, 6, 0, 6])).toBe(false); // U shape
    expect(ringSelfIntersects([0, 0, 2, 0, 4, 0, 4, 4, 0, 4])).toBe(false); // collinear, going on
    expect(ringSelfIntersects([0, 0, 4, 0, 4, 0, 4, 4, 0, 4, 0, 0])).toBe(false); // duplicates ignored
  });

  it('flags crossings, touches, overlaps, spikes and degenerate rings', () => {
    expect(ringSelfIntersects(bowTie)).toBe(true);
    expect(ringSelfIntersects([0, 0, 2, 0, 2, 2, 4, 2, 4, 4, 2, 4, 2, 2, 0, 2])).toBe(true); // vertex visited twice
    expect(ringSelfIntersects([0, 0, 6, 0, 6, 6, 3, 0, 0, 6])).toBe(true); // vertex (3, 0) on edge 0
    // Vertex (4, 3) touching the vertical edge x = 4 from the right, where the x ranges only meet.
    expect(ringSelfIntersects([0, 0, 4, 0, 4, 6, 9, 6, 7, 5, 4, 3, 7, 1, 9, -1, 0, -1])).toBe(true);
    expect(ringSelfIntersects([0, 0, 4, 0, 4, 6, 9, 6, 7, 5, 4.01, 3, 7, 1, 9, -1, 0, -1])).toBe(false);
    expect(ringSelfIntersects([0, 0, 6, 0, 6, 4, 4, 4, 4, 0, 2, 0, 2, 4, 0, 4])).toBe(true); // collinear overlap
    expect(ringSelfIntersects([0, 0, 4, 0, 4, 4, 4, 6, 4, 5, 0, 4])).toBe(true); // spike folding back
    expect(ringSelfIntersects([0, 0, 2, 0, 4, 0])).toBe(true); // zero-area triangle
    expect(ringSelfIntersects([0, 0, 4, 0, 0, 0])).toBe(true);
    expect(ringSelfIntersects([])).toBe(true);
  });

  it('matches a brute-force check on random integer rings', () => {
    const rng = createRng(3);
    let flagged = 0;
    for (let k = 0; k < 300; k++) {
      const ring = cleanRing(Array.from({ length: 2 * rng.int(3, 12) }, () => rng.int(0, 8)));
      const expected = bruteForceSelfIntersects(ring);
      expect(ringSelfIntersects(ring)).toBe(expected);
      if (expected) flagged++;
    }
    expect(flagged).toBeGreaterThan(50);
    expect(flagged).toBeLessThan(300);
  });
});

/** Independent O(n²) reference over every pair of edges (sign tests; exact for small integers). */
function bruteForceSelfIntersects(p: Ring): boolean {
  const m = p.length / 2;
  if (m < 3) return true;
  const seg = (e: number) => [p[2 * e], p[2 * e + 1], p[2 * ((e + 1) % m)], p[2 * ((e + 1) % m) + 1]];
  const cross = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
  const on = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) =>
    cross(ax, ay, bx, by, cx, cy) === 0 && Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const [ax, ay, bx, by] = seg(i);
      const [cx, cy, dx, dy] = seg(j);
      const adjacent = j === i + 1 || (i === 0 && j === m - 1);
      if (adjacent) {
        // Share one vertex; anything more (the other end of one lying on the other) is overlap.
        const [sx, sy] = j === i + 1 ? [bx, by] : [ax, ay];
        const [ox, oy] = j === i + 1 ? [ax, ay] : [bx, by]; // far end of edge i
        const [fx, fy] = j === i + 1 ? [dx, dy] : [cx, cy]; // far end of edge j
        if (on(cx, cy, dx, dy, ox, oy) || on(ax, ay, bx, by, fx, fy)) return true;
        if (cross(ox, oy, sx, sy, fx, fy) === 0 && (sx - ox) * (fx - sx) + (sy - oy) * (fy - sy) < 0) return true;
        continue;
      }
      const d1 = cross(cx, cy, dx, dy, ax, ay), d2 = cross(cx, cy, dx, dy, bx, by);
      const d3 = cross(ax, ay, bx, by, cx, cy), d4 = cross(ax, ay, bx, by, dx, dy);
      if (d1 * d2 < 0 && d3 * d4 < 0) return true;
      if (on(cx, cy, dx, dy, ax, ay) || on(cx, cy, dx, dy, bx, by) || on(ax, ay, bx, by, cx, cy) || on(ax, ay, bx, by, dx, dy)) return true;
    }
  }
  return false;
}

describe('clipRingToBox', () => {
  const image = { minX: 0, minY: 0, maxX: 10, maxY: 10 };

  it('leaves a ring inside untouched (apart from duplicates)', () => {
    expect(clipRingToBox(square(1, 1, 3), image)).toEqual(square(1, 1, 3));
    expect(clipRingToBox(square(0, 0, 10), image)).toEqual(square(0, 0, 10));
    expect(clipRingToBox([1, 1, 4, 1, 4, 1, 4, 4, 1, 4, 1, 1], image)).toEqual(square(1, 1, 3));
  });

  it('cuts exactly at the box edge', () => {
    expect(objectArea([clipRingToBox(square(-5, -5, 10), image)])).toBe(25);
    // Slanted edges leave at x = 0 and x = 10, both at y = 2 + 0.375 * 7.3.
    const cut = clipRingToBox([-3, 2, 13, 2, 5, 9.3], image);
    const vertices = [];
    for (let i = 0; i < cut.length; i += 2) vertices.push([cut[i], Math.round(cut[i + 1] * 1e9) / 1e9]);
    expect(vertices.sort((a, b) => a[0] - b[0] || a[1] - b[1])).toEqual([[0, 2], [0, 4.7375], [5, 9.3], [10, 2], [10, 4.7375]]);
    expect(objectArea([cut])).toBeCloseTo(10 * 2.7375 + (10 * (9.3 - 4.7375)) / 2, 10);
    const big = clipRingToBox([-100, -100, 200, -100, 200, 200, -100, 200], image);
    expect(objectArea([big])).toBe(100);
    expect(ringBox(big)).toEqual(image);
    expect(Math.sign(ringArea(clipRingToBox(reversed(square(-5, -5, 10)), image)))).toBe(-1);
  });

  it('returns [] when nothing of area is inside', () => {
    expect(clipRingToBox(square(20, 20, 3), image)).toEqual([]);
    expect(clipRingToBox(square(-3, 2, 3), image)).toEqual([]); // touches x = 0 along an edge
    expect(clipRingToBox([-5, 5, 0, 0, -5, -5], image)).toEqual([]); // touches at a point
    expect(clipRingToBox(square(-5, -5, 20), { minX: 0, minY: 3, maxX: 10, maxY: 3 })).toEqual([]); // zero-height box
    expect(clipRingToBox([], image)).toEqual([]);
  });

  it('cuts rings with vertices near the largest double without overflowing', () => {
    // Differences and products of such coordinates overflow to Infinity; the cut must not.
    const corner = clipRingToBox([0, 0, 1e308, 0, 0, 1e308], image);
    expect([objectArea([corner]), ringBox(corner)]).toEqual([100, image]);
    const thin = clipRingToBox([-1e308, 4, 1e308, 6, -1e308, 6], image); // y = 5 ± 1e-307 across the box
    expect(thin.every(Number.isFinite)).toBe(true);
    expect(objectArea([thin])).toBeCloseTo(10, 10);
  });

  it('clips concave rings to the same fill as the original within the box', () => {
    const u: Ring = [-4, 2, 14, 2, 14, 8, 12, 8, 12, 4, -2, 4, -2, 8, -4, 8]; // both arms leave the box
    const cut = clipRingToBox(u, image);
    expect(objectArea([cut])).toBe(20);
    const rng = createRng(11);
    for (let k = 0; k < 30; k++) {
      const ring = Array.from({ length: 2 * rng.int(3, 10) }, () => rng.range(-6, 16));
      const clipped = clipRingToBox(ring, image);
      for (let q = 0; q < 200; q++) {
        const x = rng.range(-1, 11), y = rng.range(-1, 11);
        const inBox = x >= 0 && x <= 10 && y >= 0 && y <= 10;
        expect(pointInRings([clipped], x, y)).toBe(inBox && pointInRings([ring], x, y));
      }
    }
  });
});

describe('picking', () => {
  const rings = [square(0, 0, 10), square(20, 0, 10)];

  it('finds the nearest vertex within range', () => {
    expect(nearestVertex(rings, 9, 1, 2)).toEqual({ ring: 0, index: 1, distance: Math.SQRT2 });
    expect(nearestVertex(rings, 21, 9, 2)).toEqual({ ring: 1, index: 3, distance: Math.SQRT2 });
    expect(nearestVertex(rings, 15, 5, 3)).toBeNull();
    expect(nearestVertex(rings, 12, 0, 2)?.distance).toBe(2); // inclusive
    expect(nearestVertex([], 0, 0, 10)).toBeNull();
  });
});

describe('editing', () => {
  const ring = square(0, 0, 10);

  it('removes vertices but never below 3', () => {
    const triangle = removeVertex(ring, 1);
    expect(triangle).toEqual([0, 0, 10, 10, 0, 10]);
    expect(removeVertex(triangle, 0)).toBe(triangle);
    expect(ring).toEqual(square(0, 0, 10));
    expect(() => removeVertex(ring, 4)).toThrow(RangeError);
  });

  it('inserts after a vertex, on the closing edge, or before vertex 0', () => {
    expect(insertVertex(ring, 0, 5, 0)).toEqual([0, 0, 5, 0, 10, 0, 10, 10, 0, 10]);
    expect(insertVertex(ring, 3, 0, 5)).toEqual([...ring, 0, 5]);
    expect(insertVertex(ring, -1, 0, 5)).toEqual([0, 5, ...ring]);
    expect(() => insertVertex(ring, 4, 0, 0)).toThrow(RangeError);
  });

  it('moves a vertex into a new ring', () => {
    expect(moveVertex(ring, 2, 12, 11)).toEqual([0, 0, 10, 0, 12, 11, 0, 10]);
    expect(ring[4]).toBe(10);
  });

  it('cleans duplicates and a repeated first vertex', () => {
    expect(cleanRing([0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0])).toEqual([0, 0, 1, 0, 1, 1, 0, 1]);
    expect(cleanRing([2, 2, 2, 2])).toEqual([2, 2]);
  });
  it('clamps a shift so the box stays inside the image', () => {
    const box = { minX: 10, minY: 10, maxX: 30, maxY: 30 };
    expect(clampShift(box, 200, -3, { width: 100, height: 80 })).toEqual([70, -3]);
    expect(clampShift(box, -50, 90, { width: 100, height: 80 })).toEqual([-10, 50]);
  });

  it('puts a midpoint on every edge, the closing edge included', () => {
    expect(edgeMidpoints([[0, 0, 10, 0, 10, 10]])).toEqual([
      { ring: 0, index: 0, x: 5, y: 0 },
      { ring: 0, index: 1, x: 10, y: 5 },
      { ring: 0, index: 2, x: 5, y: 5 },
    ]);
  });
});

describe('replaceRingSection', () => {
  // 8 vertices around a 4 x 4 square, vertex k at the k-th position clockwise from (0, 0).
  const ring: Ring = [0, 0, 2, 0, 4, 0, 4, 2, 4, 4, 2, 4, 0, 4, 0, 2];

  it('replaces the shorter arc going forwards', () => {
    // 1 → 3: forward has 1 vertex between (2), backward has 5.
    expect(replaceRingSection(ring, 1, 3, [5, -1])).toEqual([0, 0, 2, 0, 5, -1, 4, 2, 4, 4, 2, 4, 0, 4, 0, 2]);
  });

  it('replaces the shorter arc going backwards, keeping the ring direction', () => {
    // 3 → 1: the shorter arc is still vertex 2; the path arrives in order 3 → 1 and is reversed.
    const out = replaceRingSection(ring, 3, 1, [5, 1.5, 4.5, -0.5]);
    expect(out).toEqual([0, 0, 2, 0, 4.5, -0.5, 5, 1.5, 4, 2, 4, 4, 2, 4, 0, 4, 0, 2]);
    expect(ringArea(out)).toBeGreaterThan(0);
  });

  it('works across the index wrap, both ways', () => {
    // 6 → 1 forwards passes 7, 0 (2 between); backwards has 4 between.
    expect(replaceRingSection(ring, 6, 1, [-1, 3, -1, -1])).toEqual([2, 0, 4, 0, 4, 2, 4, 4, 2, 4, 0, 4, -1, 3, -1, -1]);
    // 1 → 6 is the same arc seen from the other end: path given 1 → 6 is reversed.
    expect(replaceRingSection(ring, 1, 6, [-1, -1, -1, 3])).toEqual([2, 0, 4, 0, 4, 2, 4, 4, 2, 4, 0, 4, -1, 3, -1, -1]);
  });

  it('breaks a tie in vertex count by length', () => {
    // 0 → 4 has 3 vertices between either way; make the backward arc shorter by pulling 6 in.
    const skewed = moveVertex(ring, 6, 1, 3);
    expect(replaceRingSection(skewed, 0, 4, [3, 3])).toEqual([0, 0, 2, 0, 4, 0, 4, 2, 4, 4, 3, 3]);
    expect(replaceRingSection(skewed, 4, 0, [3, 3])).toEqual([0, 0, 2, 0, 4, 0, 4, 2, 4, 4, 3, 3]);
  });

  it('inserts between adjacent vertices and validates its input', () => {
    expect(replaceRingSection(ring, 0, 1, [1, -1])).toEqual([0, 0, 1, -1, ...ring.slice(2)]);
    expect(replaceRingSection(ring, 1, 0, [1, -1])).toEqual([0, 0, 1, -1, ...ring.slice(2)]);
    expect(() => replaceRingSection(ring, 2, 2, [])).toThrow(RangeError);
    expect(() => replaceRingSection(ring, 0, 8, [])).toThrow(RangeError);
    expect(() => replaceRingSection(ring, 0, 2, [1])).toThrow(RangeError);
  });
});

describe('simplifyRingLossy', () => {
  it('drops vertices within the tolerance and keeps the corners', () => {
    // A square with a vertex every pixel along its edges and one 0.4 px bump.
    const ring: Ring = [];
    for (let x = 0; x < 10; x++) ring.push(x, x === 5 ? -0.4 : 0);
    for (let y = 0; y < 10; y++) ring.push(10, y);
    for (let x = 10; x > 0; x--) ring.push(x, 10);
    for (let y = 10; y > 0; y--) ring.push(0, y);
    expect(simplifyRingLossy(ring, 0.5)).toEqual([0, 0, 10, 0, 10, 10, 0, 10]);
    expect(simplifyRingLossy(ring, 0.3)).toContain(-0.4); // the bump is farther than 0.3 px
    expect(simplifyRingLossy([0, 0, 1, 0, 0, 1], 5)).toEqual([0, 0, 1, 0, 0, 1]);
    expect(simplifyRingLossy([0, 0, 5, 0.1, 10, 0, 5, 0.2], 5)).toHaveLength(6); // never below 3 vertices
  });
});
