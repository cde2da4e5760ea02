import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { AnnotationObject } from '../core/objects';
import type { ImageRecord } from '../core/project';
import { addImage, loadImageRecord, loadObjects, saveObjectChanges, updateImageRecord } from './db';

const square = (id: string, version: number, x = 0): AnnotationObject => ({
  id, version, rings: [[x, 0, x + 10, 0, x + 10, 10, x, 10]], z: 1, label: 'nucleus', createdAt: 0, updatedAt: 0, author: 'a',
});
const image = (id: string) => ({ id, name: `${id}.png`, width: 20, height: 20, order: 0, status: 'new', statusHistory: [], objectCount: 0 }) as unknown as ImageRecord;
const pixels = (id: string) => ({ id, display: { width: 1, height: 1, channels: 1, data: new Uint8Array(1) }, original: null }) as never;

describe('saveObjectChanges (IndexedDB, compare-and-set on versions)', () => {
  it('writes what was made from the stored version and refuses, returning both versions, what was made from an older one', async () => {
    await addImage(image('cas'), pixels('cas'), null);
    // Tab A draws; tab B, which saw it, moves it: both writes are based on what is stored.
    expect((await saveObjectChanges('cas', [{ id: 'o', base: null, after: square('o', 1) }])).conflicts).toEqual([]);
    const moved = await saveObjectChanges('cas', [{ id: 'o', base: 1, after: square('o', 2, 5) }]);
    expect(moved).toMatchObject({ conflicts: [], objectCount: 1 });
    // Tab A, still at version 1, moves it elsewhere: refused, and told what is stored.
    const stale = await saveObjectChanges('cas', [{ id: 'o', base: 1, after: square('o', 2, 8) }, { id: 'p', base: null, after: square('p', 1) }]);
    expect(stale.conflicts).toEqual([{ write: { id: 'o', base: 1, after: square('o', 2, 8) }, stored: square('o', 2, 5) }]);
    expect(stale.written.map((write) => write.id)).toEqual(['p']);
    expect(stale.objectCount).toBe(2);
    const stored = await loadObjects('cas');
    expect(stored.find((object) => object.id === 'o')).toEqual(square('o', 2, 5));
    // A stale delete is refused too; a delete of what the other tab deleted as well is no conflict.
    expect((await saveObjectChanges('cas', [{ id: 'o', base: 1, after: null }])).conflicts).toHaveLength(1);
    await saveObjectChanges('cas', [{ id: 'p', base: 1, after: null }]);
    expect((await saveObjectChanges('cas', [{ id: 'p', base: 1, after: null }])).conflicts).toEqual([]);
    expect((await loadImageRecord('cas'))?.objectCount).toBe(1);
  });

  it('keeps the stored object count when an image record is written from a tab with a stale figure', async () => {
    await addImage(image('count'), pixels('count'), null);
    await saveObjectChanges('count', [{ id: 'a', base: null, after: square('a', 1) }, { id: 'b', base: null, after: square('b', 1, 10) }]);
    await updateImageRecord({ ...image('count'), name: 'renamed.png', objectCount: 1 });
    expect(await loadImageRecord('count')).toMatchObject({ name: 'renamed.png', objectCount: 2 });
  });
});
