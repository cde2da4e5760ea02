/**
 * The replica's conflict handling on real PouchDB (memory adapter, in Node): two replicas
 * write one document while apart, replicate, and the merged revision replaces the leaves.
 */
import memory from 'pouchdb-adapter-memory';
import { describe, expect, it } from 'vitest';
import { imageDocOf, objectSetOf, type ImageDoc } from '../../core/sync/docs';
import type { AnnotationObject } from '../../core/objects';
import type { ImageRecord } from '../../core/project';
import { mergeRevisions } from '../../core/sync/revisions';
import { usePouchPlugin } from './pouch';
import { commonAncestor, openReplica, readBase, readLeaves, readList, replaceLeaves, writeBase, writeDoc, writeList, type Replica } from './replica';

usePouchPlugin(memory);

const HASH = 'ef'.repeat(32);
const ID = `image:${HASH}`;
const object = (id: string, version: number, updatedAt: number, x: number, author: string): AnnotationObject => ({
  id, version, updatedAt, rings: [[x, 0, x + 4, 0, x + 4, 4]], z: 1, label: 'nucleus', createdAt: 0, author,
});
const record = { name: 'a.png', width: 10, height: 10, status: 'in progress', statusHistory: [] } as unknown as ImageRecord;
const docOf = (objects: AnnotationObject[], by: string, at: number) => imageDocOf(record, HASH, { objects, removed: {} }, by, at);
let n = 0;
const replica = () => openReplica(`http://test.invalid/db-${++n}`, 'memory');
const twoWay = async (a: Replica, b: Replica) => {
  await a.replicate.to(b);
  await b.replicate.to(a);
};

async function conflicted(): Promise<{ anna: Replica; rex: Replica }> {
  const [anna, rex] = [replica(), replica()];
  const first = await writeDoc(anna, docOf([object('a', 1, 1, 0, 'anna'), object('b', 1, 1, 10, 'anna')], 'anna', 1), undefined);
  await twoWay(anna, rex);
  // Apart: anna moves a and adds c; rex moves a differently, later.
  await writeDoc(anna, docOf([object('a', 2, 10, 3, 'anna'), object('b', 1, 1, 10, 'anna'), object('c', 1, 11, 20, 'anna')], 'anna', 10), first);
  await writeDoc(rex, docOf([object('a', 2, 20, 7, 'rex'), object('b', 1, 1, 10, 'anna')], 'rex', 20), first);
  await twoWay(anna, rex);
  return { anna, rex };
}

describe('the local replica', () => {
  it('names the replica after the URL without PouchDB taking it for a remote database', () => {
    expect(replica().name).not.toContain('://');
  });

  it('reads every leaf of a conflicted document and their common ancestor, the same on both machines', async () => {
    const { anna, rex } = await conflicted();
    const [leavesA, leavesR] = [await readLeaves<ImageDoc>(anna, ID), await readLeaves<ImageDoc>(rex, ID)];
    expect(leavesA).toHaveLength(2);
    expect(leavesA!.map((leaf) => leaf._rev).sort()).toEqual(leavesR!.map((leaf) => leaf._rev).sort());
    const ancestor = await commonAncestor(anna, ID, leavesA!);
    expect(ancestor?._rev).toMatch(/^1-/);
    expect(ancestor?.objects.map((o) => o.version)).toEqual([1, 1]);
    const mergedA = mergeRevisions(leavesA!, objectSetOf(ancestor!));
    const mergedR = mergeRevisions(leavesR!, objectSetOf((await commonAncestor(rex, ID, leavesR!))!));
    expect(mergedA).toEqual(mergedR);
    expect(mergedA.doc.objects.map((o) => `${o.id}:${o.author}`)).toEqual(['a:rex', 'b:anna', 'c:anna']);
    expect(mergedA.conflicts).toEqual([{ id: 'a', kept: object('a', 2, 20, 7, 'rex'), setAside: object('a', 2, 10, 3, 'anna') }]);
  });

  it('a replica that may delete replaces the leaves by the merged revision; both machines end with one leaf and the same content', async () => {
    const { anna, rex } = await conflicted();
    const leaves = (await readLeaves<ImageDoc>(rex, ID))!;
    const merged = mergeRevisions(leaves, objectSetOf((await commonAncestor(rex, ID, leaves))!));
    await replaceLeaves(rex, leaves, merged.doc as ImageDoc, true);
    await twoWay(anna, rex);
    for (const db of [anna, rex]) {
      const after = (await readLeaves<ImageDoc>(db, ID))!;
      expect(after).toHaveLength(1);
      expect(after[0].objects.map((o) => `${o.id}:${o.author}`)).toEqual(['a:rex', 'b:anna', 'c:anna']);
    }
  });

  it('a replica that may not delete writes the merge on the winner and leaves the other leaf, remembering it was merged', async () => {
    const { anna } = await conflicted();
    const leaves = (await readLeaves<ImageDoc>(anna, ID))!;
    const merged = mergeRevisions(leaves, objectSetOf((await commonAncestor(anna, ID, leaves))!));
    const rev = await replaceLeaves(anna, leaves, merged.doc as ImageDoc, false);
    const after = (await readLeaves<ImageDoc>(anna, ID))!;
    expect(after[0]._rev).toBe(rev);
    expect(after).toHaveLength(2);
    await writeList(anna, 'merged', ID, [leaves[1]._rev]);
    expect(await readList(anna, 'merged', ID)).toEqual([leaves[1]._rev]);
  });

  it('keeps the base of each document locally, never replicated', async () => {
    const [a, b] = [replica(), replica()];
    expect(await readBase(a, ID)).toBeNull();
    await writeBase(a, ID, { objects: [object('a', 1, 1, 0, 'anna')], removed: { z: 3 } });
    await writeBase(a, ID, { objects: [object('a', 2, 2, 0, 'anna')], removed: { z: 3 } });
    expect(await readBase(a, ID)).toEqual({ objects: [object('a', 2, 2, 0, 'anna')], removed: { z: 3 } });
    await twoWay(a, b);
    expect(await readBase(b, ID)).toBeNull();
  });

  it('a base that a revision holds is kept as the revision’s id, read back from its body after newer revisions', async () => {
    const db = replica();
    const rev = await writeDoc(db, docOf([object('a', 1, 1, 0, 'anna')], 'anna', 1), undefined);
    await writeBase(db, ID, { rev });
    await writeDoc(db, docOf([object('a', 2, 5, 3, 'rex')], 'rex', 5), rev);
    expect(await readBase(db, ID)).toEqual({ objects: [object('a', 1, 1, 0, 'anna')], removed: {} });
    await writeBase(db, ID, { rev: '1-missing' });
    expect(await readBase(db, ID)).toBeNull();
  });
});
