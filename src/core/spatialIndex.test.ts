import { describe, expect, it } from 'vitest';
import type { Box } from './geometry';
import { createRng, type Rng } from './random';
import { SpatialIndex } from './spatialIndex';

const W = 1104, H = 1000;

/** Mostly nucleus-sized boxes, plus some large ones and some partly or wholly off the image. */
function randomBox(rng: Rng): Box {
  const kind = rng.next();
  const size = kind < 0.8 ? rng.range(0, 60) : rng.range(60, 900);
  const x = rng.range(-150, W + 50), y = rng.range(-150, H + 50);
  return { minX: x, minY: y, maxX: x + (kind < 0.05 ? 0 : size * rng.range(0.5, 1.5)), maxY: y + size };
}

const contains = (b: Box, x: number, y: number) => b.minX <= x && x <= b.maxX && b.minY <= y && y <= b.maxY;
const intersects = (a: Box, b: Box) => a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
const sorted = (ids: string[]) => [...ids].sort();

function expectSameAsBruteForce(index: SpatialIndex, boxes: Map<string, Box>, rng: Rng): void {
  for (let q = 0; q < 500; q++) {
    const x = rng.range(-200, W + 200), y = rng.range(-200, H + 200);
    const at = [...boxes].filter(([, b]) => contains(b, x, y)).map(([id]) => id);
    expect(sorted(index.candidatesAt(x, y))).toEqual(sorted(at));

    const box = randomBox(rng);
    const found = index.candidatesIn(box);
    expect(new Set(found).size).toBe(found.length);
    expect(sorted(found)).toEqual(sorted([...boxes].filter(([, b]) => intersects(b, box)).map(([id]) => id)));
  }
}

describe('SpatialIndex', () => {
  it('finds exactly what a brute-force scan finds, through inserts, moves and deletes', () => {
    const rng = createRng(2024);
    const index = new SpatialIndex(W, H);
    const boxes = new Map<string, Box>();
    for (let i = 0; i < 2000; i++) {
      const box = randomBox(rng);
      boxes.set(`o${i}`, box);
      index.set(`o${i}`, box);
    }
    expect(index.size).toBe(2000);
    expectSameAsBruteForce(index, boxes, rng);

    for (let i = 0; i < 2000; i += 3) {
      const id = `o${i}`;
      const old = boxes.get(id)!;
      // Alternate small nudges (same cells, usually) and jumps across the image.
      const box = i % 2 ? { minX: old.minX + 0.5, minY: old.minY - 0.5, maxX: old.maxX + 0.5, maxY: old.maxY - 0.5 } : randomBox(rng);
      boxes.set(id, box);
      index.set(id, box);
    }
    for (let i = 1; i < 2000; i += 7) {
      boxes.delete(`o${i}`);
      index.delete(`o${i}`);
    }
    index.delete('never-added');
    expect(index.size).toBe(boxes.size);
    expectSameAsBruteForce(index, boxes, rng);
  });

  it('copies boxes, so later changes to the caller object do not leak in', () => {
    const index = new SpatialIndex(100, 100);
    const box = { minX: 10, minY: 10, maxX: 20, maxY: 20 };
    index.set('a', box);
    box.minX = 50;
    expect(index.candidatesAt(15, 15)).toEqual(['a']);
  });

  it('keeps boxes outside the image findable by queries outside it', () => {
    const index = new SpatialIndex(100, 100, 16);
    index.set('left', { minX: -300, minY: 40, maxX: -200, maxY: 60 });
    index.set('far', { minX: 5000, minY: 5000, maxX: 5001, maxY: 5001 });
    expect(index.candidatesAt(-250, 50)).toEqual(['left']);
    expect(index.candidatesAt(5, 50)).toEqual([]);
    expect(index.candidatesIn({ minX: -1000, minY: -1000, maxX: 10000, maxY: 10000 }).sort()).toEqual(['far', 'left']);
    expect(index.candidatesIn({ minX: 4999, minY: 4999, maxX: 5000, maxY: 5000 })).toEqual(['far']); // touching
  });

  it('stores empty boxes without ever returning them, and clears', () => {
    const index = new SpatialIndex(100, 100);
    index.set('empty', { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity });
    index.set('nan', { minX: NaN, minY: 0, maxX: 1, maxY: 1 });
    index.set('a', { minX: 0, minY: 0, maxX: 100, maxY: 100 });
    expect(index.candidatesIn({ minX: -1e9, minY: -1e9, maxX: 1e9, maxY: 1e9 })).toEqual(['a']);
    expect(index.candidatesAt(0.5, 0.5)).toEqual(['a']);
    index.set('empty', { minX: 1, minY: 1, maxX: 2, maxY: 2 });
    expect(index.candidatesAt(1.5, 1.5).sort()).toEqual(['a', 'empty']);
    index.clear();
    expect(index.size).toBe(0);
    expect(index.candidatesAt(1.5, 1.5)).toEqual([]);
  });

  it('rejects a cell size that is not a positive number', () => {
    expect(() => new SpatialIndex(10, 10, 0)).toThrow(RangeError);
    expect(() => new SpatialIndex(10, 10, NaN)).toThrow(RangeError);
    expect(new SpatialIndex(0, 0).candidatesAt(0, 0)).toEqual([]);
  });
});
