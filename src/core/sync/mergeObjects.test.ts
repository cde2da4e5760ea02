import { describe, expect, it } from 'vitest';
import type { AnnotationObject } from '../objects';
import { canonicalJson, mergeObjectSets, type ObjectSet } from './mergeObjects';

const object = (id: string, version: number, updatedAt: number, x = 0, author = 'anna'): AnnotationObject => ({
  id, version, updatedAt, rings: [[x, 0, x + 4, 0, x + 4, 4, x, 4]], z: 1, label: 'nucleus', createdAt: 0, author,
});
const set = (objects: AnnotationObject[], removed: Record<string, number> = {}): ObjectSet => ({ objects, removed });
const ids = (objects: readonly AnnotationObject[]) => objects.map((o) => o.id);

describe('mergeObjectSets (sync and bundle merge rule)', () => {
  it('keeps different objects from both sides', () => {
    const merged = mergeObjectSets(set([object('a', 1, 10)]), set([object('b', 1, 20)]));
    expect(ids(merged.objects)).toEqual(['a', 'b']);
    expect(merged.conflicts).toEqual([]);
  });

  it('takes an object both hold alike, whoever wrote its keys in which order', () => {
    const a = object('a', 2, 10);
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as unknown as AnnotationObject;
    expect(canonicalJson(a)).toBe(canonicalJson(reordered));
    expect(mergeObjectSets(set([a]), set([reordered])).conflicts).toEqual([]);
  });

  it('with a base, takes the change of the side that changed an object, deletions included', () => {
    const base = set([object('a', 1, 10), object('b', 1, 10)]);
    const local = set([object('a', 2, 30, 5), object('b', 1, 10)]);
    const remote = set([object('a', 1, 10)], { b: 1 });
    const merged = mergeObjectSets(local, remote, base);
    expect(merged.objects).toEqual([object('a', 2, 30, 5)]);
    expect(merged.removed).toEqual({ b: 1 });
    expect(merged.conflicts).toEqual([]);
  });

  it('when both changed one object, keeps the later change and sets the other aside, on both machines alike', () => {
    const base = set([object('a', 1, 10)]);
    const mine = object('a', 2, 50, 3, 'anna');
    const theirs = object('a', 2, 40, 7, 'rob');
    const here = mergeObjectSets(set([mine]), set([theirs]), base);
    const there = mergeObjectSets(set([theirs]), set([mine]), base);
    expect(here.objects).toEqual([mine]);
    expect(here.conflicts).toEqual([{ id: 'a', kept: mine, setAside: theirs }]);
    expect(there.objects).toEqual(here.objects);
    expect(there.conflicts).toEqual(here.conflicts);
  });

  it('breaks equal times by version, then author, so the winner is the same everywhere', () => {
    const a = object('a', 3, 40, 1, 'anna');
    const b = object('a', 2, 40, 2, 'zoe');
    expect(mergeObjectSets(set([a]), set([b])).objects).toEqual([a]);
    const c = object('a', 3, 40, 2, 'zoe');
    expect(mergeObjectSets(set([a]), set([c])).objects).toEqual([c]);
    expect(mergeObjectSets(set([c]), set([a])).objects).toEqual([c]);
  });

  it('without a base, reports every object the sides hold differently', () => {
    const merged = mergeObjectSets(set([object('a', 2, 10)]), set([object('a', 3, 20, 5)]));
    expect(merged.objects).toEqual([object('a', 3, 20, 5)]);
    expect(merged.conflicts).toHaveLength(1);
  });

  it('a deletion stands against the version it deleted, but a later edit wins over it and is reported', () => {
    const deletedSeen = mergeObjectSets(set([], { a: 2 }), set([object('a', 2, 10)]));
    expect(deletedSeen.objects).toEqual([]);
    expect(deletedSeen.removed).toEqual({ a: 2 });
    expect(deletedSeen.conflicts).toEqual([]);
    const editedAfter = mergeObjectSets(set([], { a: 2 }), set([object('a', 3, 10, 9)]));
    expect(editedAfter.objects).toEqual([object('a', 3, 10, 9)]);
    expect(editedAfter.conflicts).toEqual([{ id: 'a', kept: object('a', 3, 10, 9), setAside: null }]);
    expect(editedAfter.removed).toEqual({});
  });

  it('keeps tombstones from both sides, at the highest version', () => {
    expect(mergeObjectSets(set([], { a: 2, b: 1 }), set([], { a: 4 })).removed).toEqual({ a: 4, b: 1 });
  });
});
