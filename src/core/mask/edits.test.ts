import { describe, expect, it } from 'vitest';
import type { Ring } from '../objects';
import { createRng } from '../random';
import { applyStroke, cutObject, fillObjectHoles, growObject, mergeObjects, pieceCount, removeSmallPieces, splitPieces, strokeRegion } from './edits';
import { rasterizeShapes } from './rasterize';

const W = 60, H = 50, BOUNDS = { width: W, height: H };
const rect = (x: number, y: number, w: number, h: number): Ring => [x, y, x + w, y, x + w, y + h, x, y + h];

/** Pixel indices covered by rings (the export's rule). */
function pixels(rings: readonly Ring[]): Set<number> {
  const set = new Set<number>();
  rasterizeShapes([{ rings, z: 1 }], W, H).labels.forEach((v, p) => v && set.add(p));
  return set;
}

/** Brute force: pixels whose centre is within r of the polyline. */
function bruteStroke(points: number[], r: number): Set<number> {
  const set = new Set<number>();
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const cx = x + 0.5, cy = y + 0.5;
      for (let i = 0; i + 1 < points.length; i += 2) {
        const ax = points[i], ay = points[i + 1], bx = points[i + 2] ?? ax, by = points[i + 3] ?? ay;
        const dx = bx - ax, dy = by - ay, l = dx * dx + dy * dy;
        const t = l ? Math.max(0, Math.min(1, ((cx - ax) * dx + (cy - ay) * dy) / l)) : 0;
        if ((cx - ax - t * dx) ** 2 + (cy - ay - t * dy) ** 2 <= r * r) set.add(y * W + x);
      }
    }
  }
  return set;
}

describe('brush and eraser', () => {
  it('paint and erase exactly the pixels a brute-force model gives, clipped to the image', () => {
    const random = createRng(11);
    let object: Ring[] | null = [rect(10, 10, 20, 15)];
    let model = pixels(object);
    for (let stroke = 0; stroke < 30; stroke++) {
      const points = Array.from({ length: 2 * random.int(1, 5) }, (_, i) => (i % 2 ? random.range(-5, H + 5) : random.range(-5, W + 5)));
      const radius = random.range(0.5, 6);
      const brushed = bruteStroke(points, radius);
      const region = strokeRegion(points, radius, BOUNDS);
      const mode = random.chance(0.5) ? 'paint' : 'erase';
      object = applyStroke(object, region, mode, BOUNDS);
      model = new Set(mode === 'paint' ? [...model, ...brushed] : [...model].filter((p) => !brushed.has(p)));
      expect(object ? pixels(object) : new Set(), `stroke ${stroke} (${mode})`).toEqual(model);
      if (!object) object = null;
    }
  });

  it('leaves two pieces of one object when an eraser cuts it in two, which split into two objects', () => {
    const cut = applyStroke([rect(10, 10, 30, 10)], strokeRegion([25, 0, 25, 30], 1.5, BOUNDS), 'erase', BOUNDS)!;
    expect(pieceCount(cut)).toBe(2);
    const pieces = splitPieces(cut, BOUNDS);
    expect(pieces).toHaveLength(2);
    expect(new Set([...pixels(pieces[0]), ...pixels(pieces[1])])).toEqual(pixels(cut));
  });
});

describe('merge, split, grow, shrink, holes, small pieces', () => {
  it('merges objects into their union', () => {
    const a = [rect(5, 5, 10, 10)], b = [rect(12, 8, 10, 10)];
    expect(pixels(mergeObjects([a, b], BOUNDS))).toEqual(new Set([...pixels(a), ...pixels(b)]));
  });

  it('grows and shrinks by one pixel (edge neighbours)', () => {
    const square = [rect(10, 10, 10, 10)];
    expect(pixels(growObject(square, 1, BOUNDS)!).size).toBe(100 + 40);
    expect(pixels(growObject(square, -1, BOUNDS)!)).toEqual(pixels([rect(11, 11, 8, 8)]));
    expect(growObject([rect(0, 0, 1, 1)], -1, BOUNDS)).toBeNull();
    expect(pixels(growObject([rect(0, 0, 5, 5)], 1, BOUNDS)!).size).toBe(25 + 10); // clipped at the border
  });

  it('fills holes and removes small pieces', () => {
    const ring = [rect(10, 10, 10, 10), rect(13, 13, 3, 3)];
    expect(pixels(fillObjectHoles(ring, BOUNDS))).toEqual(pixels([rect(10, 10, 10, 10)]));
    const withSpeck = [rect(10, 10, 10, 10), rect(30, 30, 2, 1)];
    expect(pixels(removeSmallPieces(withSpeck, 3, BOUNDS)!)).toEqual(pixels([rect(10, 10, 10, 10)]));
    expect(removeSmallPieces([rect(0, 0, 1, 2)], 3, BOUNDS)).toBeNull();
  });

  it('cuts an object along a line into pieces that keep every pixel', () => {
    const object = [rect(10, 10, 30, 12)];
    const pieces = cutObject(object, [24.3, 5, 26.1, 30], BOUNDS)!;
    expect(pieces).toHaveLength(2);
    const [left, right] = pieces.map(pixels);
    expect(new Set([...left, ...right])).toEqual(pixels(object));
    expect([...left].every((p) => !right.has(p))).toBe(true);
    expect(cutObject(object, [0, 0, 5, 5], BOUNDS)).toBeNull(); // misses the object
  });
});
