import { describe, expect, it } from 'vitest';
import { objectArea, ringBox } from '../geometry';
import { clipOutline, describeDroppedOutlines } from './outline';

describe('clipOutline', () => {
  it('keeps an outline inside the image as it is, and cuts one that crosses the border', () => {
    expect(clipOutline([1, 1, 5, 1, 5, 5], 10, 10)).toEqual([1, 1, 5, 1, 5, 5]);
    const cut = clipOutline([-5, -5, 5, -5, 5, 5, -5, 5], 10, 10) as number[];
    expect([objectArea([cut]), ringBox(cut)]).toEqual([25, { minX: 0, minY: 0, maxX: 5, maxY: 5 }]);
    const far = clipOutline([0, 0, 1e308, 0, 1e308, 1e308, 0, 1e308], 10, 10) as number[];
    expect([objectArea([far]), ringBox(far)]).toEqual([100, { minX: 0, minY: 0, maxX: 10, maxY: 10 }]);
  });

  it('says why an outline cannot be an object', () => {
    expect(clipOutline([1, 1], 10, 10)).toBe('tooFewVertices');
    expect(clipOutline([1, 1, 2, 2], 10, 10)).toBe('tooFewVertices');
    expect(clipOutline([1, 1, 2, 2, 1, 1, 2, 2, 2, 2], 10, 10)).toBe('tooFewVertices'); // two different vertices, repeated
    expect(clipOutline([NaN, 1, 2, 2, 3, 1], 10, 10)).toBe('nonFinite');
    expect(clipOutline([1, 1, Infinity, 2, 3, 1], 10, 10)).toBe('nonFinite');
    expect(clipOutline([1, 1, 2, 2, 3, 3], 10, 10)).toBe('noArea');
    expect(clipOutline([20, 20, 30, 20, 30, 30], 10, 10)).toBe('outsideImage');
    expect(clipOutline([-3, 2, 0, 2, 0, 5, -3, 5], 10, 10)).toBe('outsideImage'); // touches the border only
    expect(clipOutline([1e308, 1e308, -1e308, 1e308, 1e308, 1.5e308], 10, 10)).toBe('outsideImage'); // its area overflows
  });
});

describe('describeDroppedOutlines', () => {
  it('counts outlines left out, by why, for a notice', () => {
    expect(describeDroppedOutlines({ outsideImage: 1, tooFewVertices: 2 })).toBe('3 outlines skipped: 2 with fewer than 3 vertices, 1 outside the image');
    expect(describeDroppedOutlines({ nonFinite: 1 })).toBe('1 outline skipped: 1 with coordinates that are not finite numbers');
    expect(describeDroppedOutlines({ noArea: 2 })).toBe('2 outlines skipped: 2 with no area (all vertices on a line)');
    expect(describeDroppedOutlines({})).toBeNull();
  });
});
