import { describe, expect, it } from 'vitest';
import type { AnnotationObject } from '../objects';
import type { ImageRecord } from '../project';
import { imageDocOf, type ImageDoc } from './docs';
import { localSet, mergeImage } from './imageMerge';
import { mergeRevisions } from './revisions';

const HASH = 'cd'.repeat(32);
const object = (id: string, version: number, updatedAt: number, x = 0, author = 'anna'): AnnotationObject => ({
  id, version, updatedAt, rings: [[x, 0, x + 4, 0, x + 4, 4]], z: 1, label: 'nucleus', createdAt: 0, author,
});
const record = { name: 'a.png', width: 10, height: 10, status: 'in progress', statusHistory: [{ status: 'in progress', by: 'anna', role: 'annotator', at: 1 }] } as unknown as ImageRecord;
const doc = (objects: AnnotationObject[], removed: Record<string, number> = {}, over: Partial<ImageDoc> = {}): ImageDoc => ({ ...imageDocOf(record, HASH, { objects, removed }, 'rex', 5), ...over });
const status = { status: record.status, statusHistory: record.statusHistory };

describe('the bridge’s merge of one image (local objects, the replica’s document, the base)', () => {
  it('a deletion here is a tombstone at the base’s version, so the other side deletes it too', () => {
    expect(localSet([object('a', 1, 1)], { objects: [object('a', 1, 1), object('b', 2, 1)], removed: { c: 1 } })).toEqual({ objects: [object('a', 1, 1)], removed: { b: 2, c: 1 } });
    const merged = mergeImage({ objects: [object('a', 1, 1)], status, remote: doc([object('a', 1, 1), object('b', 2, 1)]), base: { objects: [object('a', 1, 1), object('b', 2, 1)], removed: {} }, adopt: false });
    expect(merged.set).toEqual({ objects: [object('a', 1, 1)], removed: { b: 2 } });
    expect(merged.changes).toEqual([]);
  });

  it('takes the other side’s changes where this side kept the base: local changes to make, no conflict', () => {
    const base = { objects: [object('a', 1, 1), object('b', 1, 1)], removed: {} };
    const remote = doc([object('a', 2, 9, 5, 'rex'), object('b', 1, 1), object('n', 1, 9, 8, 'rex')]);
    const merged = mergeImage({ objects: [object('a', 1, 1), object('b', 1, 1)], status, remote, base, adopt: false });
    expect(merged.conflicts).toEqual([]);
    expect(merged.changes).toEqual([
      { id: 'a', before: object('a', 1, 1), after: object('a', 2, 9, 5, 'rex') },
      { id: 'n', before: null, after: object('n', 1, 9, 8, 'rex') },
    ]);
  });

  it('an object both changed since the base: the later change, the other reported', () => {
    const base = { objects: [object('a', 1, 1)], removed: {} };
    const merged = mergeImage({ objects: [object('a', 2, 20, 3)], status, remote: doc([object('a', 2, 10, 7, 'rex')]), base, adopt: false });
    expect(merged.set.objects).toEqual([object('a', 2, 20, 3)]);
    expect(merged.changes).toEqual([]);
    expect(merged.conflicts).toEqual([{ id: 'a', kept: object('a', 2, 20, 3), setAside: object('a', 2, 10, 7, 'rex') }]);
  });

  it('without a document yet, the document is what is here', () => {
    const merged = mergeImage({ objects: [object('a', 1, 1)], status, remote: null, base: null, adopt: false });
    expect(merged).toEqual({ set: { objects: [object('a', 1, 1)], removed: {} }, status, changes: [], conflicts: [] });
  });

  it('a refused change: the server’s version replaces ours, objects and status, nothing of ours kept', () => {
    const serverVersion = doc([object('a', 1, 1)], {}, { status: 'approved', statusHistory: [...record.statusHistory, { status: 'approved', by: 'rex', role: 'reviewer', at: 3 }] });
    // Ours deleted "a" and drew "b" after the base; a merge would keep both changes.
    const ours = [object('b', 1, 9)];
    const base = { objects: [object('a', 1, 1)], removed: {} };
    expect(mergeImage({ objects: ours, status, remote: serverVersion, base, adopt: false }).set.objects).toEqual([object('b', 1, 9)]);
    const adopted = mergeImage({ objects: ours, status, remote: serverVersion, base, adopt: true });
    expect(adopted.set.objects).toEqual([object('a', 1, 1)]);
    expect(adopted.status.status).toBe('approved');
    expect(adopted.changes.sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual([
      { id: 'a', before: null, after: object('a', 1, 1) },
      { id: 'b', before: object('b', 1, 9), after: null },
    ]);
  });
});

describe('merging conflicting revisions of an image document', () => {
  const ancestor = { objects: [object('a', 1, 1), object('b', 1, 1)], removed: {} };
  const fromAnna = { ...doc([object('a', 2, 10, 3, 'anna'), object('b', 1, 1), object('x', 1, 11, 0, 'anna')]), _rev: '3-aaa', updatedAt: 10, updatedBy: 'anna' };
  const fromRex = {
    ...doc([object('a', 2, 20, 7, 'rex'), object('y', 1, 12, 0, 'rex')], { b: 1 }, { statusHistory: [...record.statusHistory, { status: 'in progress', by: 'rex', role: 'reviewer', at: 6 }] }),
    _rev: '3-bbb',
    updatedAt: 20,
    updatedBy: 'rex',
  };

  it('keeps what either side added or changed alone; an object both changed: the later change, the other set aside', () => {
    const { doc: merged, conflicts } = mergeRevisions([fromAnna, fromRex], ancestor);
    expect(merged.objects.map((o) => `${o.id}:${o.author}`)).toEqual(['a:rex', 'x:anna', 'y:rex']);
    expect(merged.removed).toEqual({ b: 1 });
    expect(merged.statusHistory).toHaveLength(2);
    expect(merged).not.toHaveProperty('_rev');
    expect(conflicts).toEqual([{ id: 'a', kept: object('a', 2, 20, 7, 'rex'), setAside: object('a', 2, 10, 3, 'anna') }]);
  });

  it('gives the same result on both machines, whichever leaf each one calls the winner', () => {
    expect(mergeRevisions([fromRex, fromAnna], ancestor)).toEqual(mergeRevisions([fromAnna, fromRex], ancestor));
  });

  it('without the common ancestor, an object the two changed differently is a conflict; a deletion of the very version the other holds stands', () => {
    const changedB = { ...fromAnna, objects: [...fromAnna.objects.filter((o) => o.id !== 'b'), object('b', 2, 15, 9, 'anna')] };
    expect(mergeRevisions([fromAnna, fromRex], null).conflicts.map((c) => c.id)).toEqual(['a']);
    // b edited on one side after the other deleted it: the edit is kept and the deletion reported.
    const { conflicts, doc: merged } = mergeRevisions([changedB, fromRex], null);
    expect(conflicts.map((c) => [c.id, c.setAside])).toEqual([['a', object('a', 2, 10, 3, 'anna')], ['b', null]]);
    expect(merged.objects.map((o) => o.id)).toEqual(['a', 'b', 'x', 'y']);
  });
});
