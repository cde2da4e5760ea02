import { describe, expect, it } from 'vitest';
import type { ObjectShape } from './changes';
import { maskPixelChange } from './pixelChange';

/** A side x side square on the pixel grid: covers exactly side² pixels. */
const square = (id: string, x: number, y: number, side: number, z = 0): ObjectShape => ({
  id,
  rings: [[x, y, x + side, y, x + side, y + side, x, y + side]],
  z,
});

describe('maskPixelChange', () => {
  it('is zero for identical sets, in any order', () => {
    const objects = [square('a', 2, 2, 5), square('b', 10, 3, 4)];
    expect(maskPixelChange(objects, objects, 20, 20)).toEqual({ changedPixels: 0, foregroundPixels: 41, share: 0 });
    expect(maskPixelChange(objects, [...objects].reverse(), 20, 20).changedPixels).toBe(0);
  });

  it('counts 2 x side pixels for a square moved one pixel sideways', () => {
    // The column left behind and the column newly covered; the union is side x (side + 1).
    expect(maskPixelChange([square('a', 3, 3, 6)], [square('a', 4, 3, 6)], 20, 20)).toEqual({ changedPixels: 12, foregroundPixels: 42, share: 12 / 42 });
  });

  it('counts an added object on all its pixels', () => {
    const base = [square('a', 0, 0, 4)];
    expect(maskPixelChange(base, [...base, square('n', 10, 10, 3)], 20, 20)).toEqual({ changedPixels: 9, foregroundPixels: 25, share: 9 / 25 });
    expect(maskPixelChange([], [square('n', 10, 10, 3)], 20, 20)).toEqual({ changedPixels: 9, foregroundPixels: 9, share: 1 });
  });

  it('counts an identical outline under another id as changed (another instance owns the pixels)', () => {
    expect(maskPixelChange([square('a', 1, 1, 5)], [square('b', 1, 1, 5)], 10, 10)).toEqual({ changedPixels: 25, foregroundPixels: 25, share: 1 });
  });

  it('counts restacking only where it changes the owner of an overlap', () => {
    const before = [square('a', 0, 0, 4, 1), square('b', 2, 2, 4, 2)]; // overlap of 2 x 2
    const after = [square('a', 0, 0, 4, 3), square('b', 2, 2, 4, 2)];
    expect(maskPixelChange(before, after, 10, 10)).toEqual({ changedPixels: 4, foregroundPixels: 28, share: 4 / 28 });
  });

  it('ignores what lies outside the image and has no foreground for empty sets', () => {
    expect(maskPixelChange([], [square('a', 20, 20, 5)], 10, 10)).toEqual({ changedPixels: 0, foregroundPixels: 0, share: 0 });
    expect(maskPixelChange([], [], 0, 0)).toEqual({ changedPixels: 0, foregroundPixels: 0, share: 0 });
    expect(maskPixelChange([square('a', 8, 0, 4)], [], 10, 10).changedPixels).toBe(8); // 2 columns x 4 rows inside
  });
});
