import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { rasterizeShapes } from './rasterize';
import { traceLabels } from './trace';

/** A label image from rows of characters: '.' is background, a digit or letter a label. */
function grid(rows: string[]): { labels: Uint32Array; width: number; height: number; count: number } {
  const width = rows[0].length, height = rows.length;
  const labels = new Uint32Array(width * height);
  rows.forEach((row, y) => Array.from(row).forEach((c, x) => (labels[y * width + x] = c === '.' ? 0 : parseInt(c, 36))));
  return { labels, width, height, count: Math.max(0, ...labels) };
}

/** Traces, re-rasterizes every label's rings alone, and returns the first differing pixel. */
function roundTrip({ labels, width, height, count }: ReturnType<typeof grid>): string | null {
  const { rings, pixelCounts } = traceLabels(labels, width, height, count);
  for (let k = 1; k <= count; k++) {
    const { labels: back } = rasterizeShapes([{ rings: rings[k - 1], z: 0 }], width, height);
    let pixels = 0;
    for (let p = 0; p < labels.length; p++) {
      if ((labels[p] === k) !== (back[p] === 1)) return `label ${k}: pixel ${p % width},${Math.floor(p / width)}`;
      if (labels[p] === k) pixels++;
    }
    if (pixelCounts[k - 1] !== pixels) return `label ${k}: counted ${pixelCounts[k - 1]} pixels, has ${pixels}`;
    for (const ring of rings[k - 1]) if (!ring.every(Number.isInteger)) return `label ${k}: a vertex off the pixel corners`;
  }
  return null;
}

describe('traceLabels', () => {
  it('outlines a rectangle with its 4 corners only (straight runs are one edge)', () => {
    const { rings } = traceLabels(grid(['....', '.11.', '.11.', '.11.']).labels, 4, 4, 1);
    expect(rings).toEqual([[[3, 1, 3, 4, 1, 4, 1, 1]]]);
  });

  it('walks outer boundaries clockwise on screen (object on the right)', () => {
    const { rings } = traceLabels(grid(['1']).labels, 1, 1, 1);
    expect(rings[0]).toEqual([[1, 0, 1, 1, 0, 1, 0, 0]]);
  });

  it('a 1-pixel hole becomes a second ring, and stays empty', () => {
    const g = grid(['111', '1.1', '111']);
    const { rings } = traceLabels(g.labels, 3, 3, 1);
    expect(rings[0]).toHaveLength(2);
    expect(rings[0][1]).toEqual([2, 2, 2, 1, 1, 1, 1, 2]); // the hole: east, north, west, south
    expect(roundTrip(g)).toBeNull();
  });

  it('pixels touching only at a corner: each piece gets its own ring, sharing the corner', () => {
    const diagonal = grid(['1...', '.1..', '..1.', '...1']);
    const { rings } = traceLabels(diagonal.labels, 4, 4, 1);
    expect(rings[0]).toHaveLength(4);
    expect(rings[0][0]).toEqual([1, 0, 1, 1, 0, 1, 0, 0]);
    expect(rings[0][1]).toEqual([2, 1, 2, 2, 1, 2, 1, 1]);
    expect(roundTrip(diagonal)).toBeNull();
    expect(roundTrip(grid(['...1', '..1.', '.1..', '1...']))).toBeNull();
  });

  it('a checkerboard of one object, and of two objects', () => {
    const one = grid(['1.1.1', '.1.1.', '1.1.1', '.1.1.']);
    expect(traceLabels(one.labels, 5, 4, 1).rings[0]).toHaveLength(10);
    expect(roundTrip(one)).toBeNull();
    expect(roundTrip(grid(['1212', '2121', '1212', '2121']))).toBeNull();
  });

  it('a hole that touches the outside at a corner (as in the dataset): one self-touching ring', () => {
    // The background pixel at (1,1) has four object neighbours but meets the outer background
    // diagonally at (0,0).
    const g = grid(['.11', '1.1', '111']);
    expect(roundTrip(g)).toBeNull();
    const { rings } = traceLabels(g.labels, 3, 3, 1);
    expect(rings[0]).toHaveLength(1);
  });

  it('objects on the image border and touching each other', () => {
    expect(roundTrip(grid(['1122', '1122', '3344', '3344']))).toBeNull();
    expect(roundTrip(grid(['1', '1', '2']))).toBeNull();
    expect(roundTrip(grid(['12.12']))).toBeNull();
  });

  it('nested objects: an object inside another one\'s hole', () => {
    const g = grid(['11111', '1...1', '1.2.1', '1...1', '11111']);
    expect(traceLabels(g.labels, 5, 5, 2).rings.map((r) => r.length)).toEqual([2, 1]);
    expect(roundTrip(g)).toBeNull();
  });

  it('a label without pixels gets no rings', () => {
    const { rings, pixelCounts } = traceLabels(grid(['1.3']).labels, 3, 1, 3);
    expect(rings[1]).toEqual([]);
    expect(pixelCounts).toEqual([1, 0, 1]);
  });

  it('round-trips random label images exactly (noise: every kind of corner contact)', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 60; trial++) {
      const width = rng.int(1, 23), height = rng.int(1, 23), count = rng.int(1, 4);
      const density = rng.next();
      const labels = new Uint32Array(width * height).map(() => (rng.next() < density ? rng.int(1, count) : 0));
      expect(roundTrip({ labels, width, height, count }), `trial ${trial}`).toBeNull();
    }
  });
});
