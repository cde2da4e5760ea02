import { describe, expect, it } from 'vitest';
import { frac, TILE_PX, TileLevel } from './objectTiles';

// The placement arithmetic only (drawing needs a real canvas: the interaction benchmark and the
// browser tests check what is drawn).
describe('TileLevel placement', () => {
  it('puts image point (x, y) in the tile whose box contains it, at any scale and phase', () => {
    for (const [scale, phaseX, phaseY] of [[1, 0, 0], [0.372, 0.25, 0.5], [6.93, 0.999, 0.001], [64, 0.5, 0.5]]) {
      const level = new TileLevel(scale, phaseX, phaseY);
      for (const [x, y] of [[0, 0], [10.5, 3.25], [2207.9, 1500], [-3, 40]]) {
        const { i0, j0, i1, j1 } = level.range({ minX: x, minY: y, maxX: x, maxY: y });
        expect([i1, j1]).toEqual([i0, j0]);
        const box = level.boxOf(i0, j0);
        expect(box.minX <= x && x < box.maxX && box.minY <= y && y < box.maxY).toBe(true);
        expect((box.maxX - box.minX) * scale).toBeCloseTo(TILE_PX, 9);
      }
    }
  });

  it('tiles a box without gaps: neighbouring tile boxes share their edges', () => {
    const level = new TileLevel(0.5, 0.3, 0.7);
    const { i0, j0, i1, j1 } = level.range({ minX: 100, minY: 200, maxX: 2000, maxY: 1500 });
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i < i1; i++) expect(level.boxOf(i + 1, j).minX).toBe(level.boxOf(i, j).maxX);
    }
    expect(level.boxOf(i0, j0).minX).toBeLessThanOrEqual(100);
    expect(level.boxOf(i1, j1).maxY).toBeGreaterThan(1500);
  });

  it('matches a view only at its exact scale and sub-pixel phase, so a pan by whole pixels keeps it', () => {
    const level = new TileLevel(2, frac(-130.25), frac(40.5));
    expect(level.matches(2, -130.25, 40.5)).toBe(true);
    expect(level.matches(2, -130.25 + 37, 40.5 - 512)).toBe(true);
    expect(level.matches(2, -130.5, 40.5)).toBe(false);
    expect(level.matches(2.5, -130.25, 40.5)).toBe(false);
  });

  it('frac is in [0, 1) for negative and positive offsets', () => {
    expect(frac(-0.25)).toBe(0.75);
    expect(frac(3.5)).toBe(0.5);
    expect(frac(-2)).toBe(0);
  });
});
