import { describe, expect, it } from 'vitest';
import { compareObjects, type ObjectShape } from './changes';

const square = (id: string, x: number, y: number, size: number, z = 0): ObjectShape => ({
  id,
  rings: [[x, y, x + size, y, x + size, y + size, x, y + size]],
  z,
});

describe('compareObjects', () => {
  it('reports nothing for identical sets, including copies of the arrays', () => {
    const before = [square('a', 0, 0, 4), square('b', 10, 0, 4)];
    const copy = before.map((o) => ({ ...o, rings: o.rings.map((r) => [...r]) }));
    expect(compareObjects(before, before)).toEqual({ added: [], removed: [], reshaped: [], unchanged: 2 });
    expect(compareObjects(before, copy)).toEqual({ added: [], removed: [], reshaped: [], unchanged: 2 });
  });

  it('sorts ids into added, removed and reshaped, in input order', () => {
    const before = [square('r2', 0, 0, 1), square('a', 5, 5, 2), square('r1', 9, 9, 1), square('m', 0, 20, 3), square('k', 30, 0, 2)];
    const after = [square('n2', 40, 0, 1), square('m', 1, 20, 3), square('k', 30, 0, 2), square('a', 5, 5, 3), square('n1', 50, 0, 1)];
    expect(compareObjects(before, after)).toEqual({ added: ['n2', 'n1'], removed: ['r2', 'r1'], reshaped: ['m', 'a'], unchanged: 1 });
  });

  it('counts any coordinate, ring count or ring length difference as a reshape', () => {
    const base = square('a', 0, 0, 4);
    const moved = { ...base, rings: [[0, 0, 4, 0, 4, 4, 0, 4.000001]] };
    const extraVertex = { ...base, rings: [[0, 0, 2, 0, 4, 0, 4, 4, 0, 4]] };
    const withHole = { ...base, rings: [...base.rings, [1, 1, 2, 1, 2, 2]] };
    const noRings = { ...base, rings: [] };
    for (const after of [moved, extraVertex, withHole, noRings]) {
      expect(compareObjects([base], [after]).reshaped).toEqual(['a']);
      expect(compareObjects([after], [base]).reshaped).toEqual(['a']);
    }
  });

  it('ignores z-only changes', () => {
    expect(compareObjects([square('a', 0, 0, 4, 1)], [square('a', 0, 0, 4, 7)])).toEqual({ added: [], removed: [], reshaped: [], unchanged: 1 });
  });

  it('handles empty inputs', () => {
    expect(compareObjects([], [])).toEqual({ added: [], removed: [], reshaped: [], unchanged: 0 });
    expect(compareObjects([], [square('a', 0, 0, 1)]).added).toEqual(['a']);
    expect(compareObjects([square('a', 0, 0, 1)], []).removed).toEqual(['a']);
  });

  it('uses the first occurrence of a repeated id', () => {
    const result = compareObjects([square('a', 0, 0, 1), square('a', 5, 5, 1)], [square('a', 0, 0, 1)]);
    expect(result).toEqual({ added: [], removed: [], reshaped: [], unchanged: 1 });
  });
});
