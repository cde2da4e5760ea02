import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnnotationObject } from '../../core/objects';
import type { ObjectWrite, SaveOutcome } from '../../io/db';
import type { ImageRecord } from '../../core/project';
import type { ReviewIssue } from '../../core/review/issues';
import { getState, initialState, setState } from '../store';
import { flushSaves } from './autosave';
import { objectAt, rebuildHitIndex } from './hitTest';
import { applyObjectChanges } from './objectChanges';

/** Every write the save queue makes; with `hold`, each waits until its `release` is called. */
const writes: Array<{ imageId: string; put: string[]; remove: string[]; release: () => void }> = [];
let hold = false;
vi.mock('../../io/db', () => ({
  saveObjectChanges: (imageId: string, changes: ObjectWrite[]) =>
    new Promise<SaveOutcome>((resolve) => {
      const put = changes.filter((change) => change.after).map((change) => change.id);
      const remove = changes.filter((change) => !change.after).map((change) => change.id);
      const outcome = { written: changes, conflicts: [], objectCount: put.length };
      writes.push({ imageId, put, remove, release: () => resolve(outcome) });
      if (!hold) resolve(outcome);
    }),
  saveIssues: async () => {},
  saveStatus: async () => {},
}));

const square = (id: string, x: number, extra: Partial<AnnotationObject> = {}): AnnotationObject => ({
  id, version: 0, rings: [[x, 0, x + 10, 0, x + 10, 10, x, 10]], z: 1, label: 'nucleus', createdAt: 0, updatedAt: 0, author: 'a', ...extra,
});
const image = (id: string) => ({ id, name: `${id}.png`, width: 100, height: 100, status: 'in progress', statusHistory: [], objectCount: 0 }) as unknown as ImageRecord;

beforeEach(async () => {
  hold = false;
  await flushSaves(); // nothing left over from the test before
  writes.length = 0;
  setState({ ...initialState, images: [image('open'), image('other')], currentId: 'open', objectsImageId: 'open', objects: new Map() });
  rebuildHitIndex([], 100, 100);
});

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 60)); // past the save delay
}

describe('applyObjectChanges', () => {
  it('stamps versions, updates the open image, its hit index, count and save queue, and records undo only when asked', async () => {
    expect(applyObjectChanges([{ id: 'a', before: null, after: square('a', 0) }], { source: 'user', history: 'record' })).toBe(true);
    const a = getState().objects.get('a')!;
    expect(a.version).toBe(1);
    expect(objectAt(5, 5)?.id).toBe('a');
    expect(getState().images[0].objectCount).toBe(1);
    expect(getState().canUndo).toBe(true);
    applyObjectChanges([{ id: 'a', before: a, after: { ...a, rings: square('a', 50).rings } }], { source: 'import', history: 'skip' });
    expect(getState().objects.get('a')!.version).toBe(2);
    expect(objectAt(5, 5)).toBeNull();
    expect(objectAt(55, 5)?.id).toBe('a');
    await settle();
    expect(writes.map(({ imageId, put }) => [imageId, put])).toEqual([['open', ['a']]]);
  });

  it('puts changes to another image into the save queue and its count, without touching the open image', async () => {
    applyObjectChanges([{ id: 'x', before: null, after: square('x', 0) }, { id: 'y', before: null, after: square('y', 20) }], { source: 'import', history: 'skip', imageId: 'other' });
    expect(getState().objects.size).toBe(0);
    expect(getState().images[1].objectCount).toBe(2);
    expect(getState().canUndo).toBe(false);
    await settle();
    expect(writes.map(({ imageId, put }) => [imageId, put])).toEqual([['other', ['x', 'y']]]);
  });

  it('keeps the versions of remote changes and does not save them again', async () => {
    applyObjectChanges([{ id: 'r', before: null, after: square('r', 0, { version: 7 }) }], { source: 'remote', history: 'skip' });
    expect(getState().objects.get('r')!.version).toBe(7);
    await settle();
    expect(writes).toEqual([]);
  });

  it('refuses local changes under the review lock, but applies remote ones', () => {
    setState({ images: [{ ...image('open'), status: 'approved' }, image('other')] });
    expect(applyObjectChanges([{ id: 'a', before: null, after: square('a', 0) }], { source: 'user', history: 'record' })).toBe(false);
    expect(getState().objects.size).toBe(0);
    expect(applyObjectChanges([{ id: 'a', before: null, after: square('a', 0, { version: 3 }) }], { source: 'remote', history: 'skip' })).toBe(true);
    expect(getState().objects.size).toBe(1);
  });

  it('moves the anchor of an issue on a changed object', () => {
    const issue = { id: 'i', imageId: 'open', kind: 'wrong outline', x: 5, y: 5, objectId: 'a', status: 'open', comments: [], createdBy: 'r', createdAt: 1 } as ReviewIssue;
    setState({ issues: [issue] });
    applyObjectChanges([{ id: 'a', before: null, after: square('a', 40) }], { source: 'user', history: 'record' });
    expect(getState().issues[0].x).toBeGreaterThan(40);
  });
});

describe('flushSaves', () => {
  it('resolves only once everything queued before the call is written, also for a second caller', async () => {
    hold = true;
    applyObjectChanges([{ id: 'a', before: null, after: square('a', 0) }], { source: 'user', history: 'record' });
    const first = flushSaves();
    await vi.waitFor(() => expect(writes).toHaveLength(1));
    applyObjectChanges([{ id: 'b', before: null, after: square('b', 20) }], { source: 'user', history: 'record' });
    const done: string[] = [];
    const second = flushSaves().then(() => done.push('second'));
    const third = flushSaves().then(() => done.push('third')); // it finds b taken by the second caller's write
    writes[0].release();
    await first;
    await vi.waitFor(() => expect(writes).toHaveLength(2)); // b's write starts only after a's
    expect(writes[1].put).toEqual(['b']);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toEqual([]); // b is still in flight: neither may have returned
    writes[1].release();
    await Promise.all([second, third]);
    expect(done.sort()).toEqual(['second', 'third']);
  });
});
