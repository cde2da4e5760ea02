import { describe, expect, it } from 'vitest';
import type { AnnotationObject } from '../objects';
import type { ImageRecord, StatusChange } from '../project';
import type { ReviewIssue } from '../review/issues';
import { docKind, imageDocOf, issueDocOf, issueOf, mergeIssue, mergeStatus, objectSetOf, sameImageContent, snapshotOf, submissionDocOf } from './docs';

const HASH = 'ab'.repeat(32);
const object = (id: string, version = 1, x = 0): AnnotationObject => ({ id, version, rings: [[x, 0, x + 4, 0, x + 4, 4]], z: 1, label: 'nucleus', createdAt: 1, updatedAt: 2, author: 'anna' });
const change = (status: StatusChange['status'], at: number, by = 'anna', role: StatusChange['role'] = 'annotator'): StatusChange => ({ status, at, by, role });
const image = (over: Partial<ImageRecord> = {}): ImageRecord =>
  ({ id: 'local-1', name: 'a.png', contentHash: HASH, width: 10, height: 8, status: 'in progress', statusHistory: [change('in progress', 5)], objectCount: 2, ...over }) as ImageRecord;

describe('sync documents', () => {
  it('an image document: the record, its objects sorted by id and its tombstones; read back as the same object set', () => {
    const objects = [object('b'), object('a', 3)];
    const doc = imageDocOf(image({ split: 'train' }), HASH, { objects, removed: { c: 2 } }, 'anna', 99);
    expect(doc).toMatchObject({ _id: `image:${HASH}`, type: 'image', hash: HASH, name: 'a.png', width: 10, height: 8, split: 'train', status: 'in progress', removed: { c: 2 }, updatedAt: 99, updatedBy: 'anna' });
    expect(doc.objects.map((o) => o.id)).toEqual(['a', 'b']);
    expect(objectSetOf(doc)).toEqual({ objects: [object('a', 3), object('b')], removed: { c: 2 } });
    // Local-only facts (id, thumbnail, counts, display) stay local.
    expect(Object.keys(doc)).not.toContain('objectCount');
    expect(imageDocOf(image(), HASH, { objects: [], removed: {} }, 'x', 1)).not.toHaveProperty('split');
  });

  it('two image documents say the same when only who wrote them last, when, and the revision differ', () => {
    const a = imageDocOf(image(), HASH, { objects: [object('a')], removed: {} }, 'anna', 1);
    const b = { ...imageDocOf(image(), HASH, { objects: [object('a')], removed: {} }, 'rex', 2), _rev: '3-x' };
    expect(sameImageContent(a, b)).toBe(true);
    expect(sameImageContent(a, { ...b, objects: [object('a', 2)] })).toBe(false);
    expect(sameImageContent(a, { ...b, status: 'submitted' })).toBe(false);
  });

  it('status histories merge into every change both recorded, oldest first; the status is the latest one, the same whichever side merges', () => {
    const here = { status: 'submitted' as const, statusHistory: [change('in progress', 1), change('submitted', 3)] };
    const there = { status: 'changes requested' as const, statusHistory: [change('in progress', 1), change('changes requested', 4, 'rex', 'reviewer')] };
    const merged = mergeStatus(here, there);
    expect(merged.statusHistory.map((c) => c.at)).toEqual([1, 3, 4]);
    expect(merged.status).toBe('changes requested');
    expect(mergeStatus(there, here)).toEqual(merged);
    expect(mergeStatus({ status: 'new', statusHistory: [] }, { status: 'new', statusHistory: [] })).toEqual({ status: 'new', statusHistory: [] });
  });

  it('an issue edited in two places keeps every comment, and open/resolved from the later activity; symmetric', () => {
    const base: Omit<ReviewIssue, 'imageId'> = { id: 'i1', kind: 'wrong outline', x: 1, y: 2, objectId: 'a', status: 'open', comments: [{ author: 'rex', at: 10, text: 'too tight' }], createdBy: 'rex', createdAt: 10 };
    const resolved = { ...base, status: 'resolved' as const, resolvedBy: 'rex', resolvedAt: 30 };
    const commented = { ...base, comments: [...base.comments, { author: 'anna', at: 20, text: 'fixed' }] };
    const merged = mergeIssue(resolved, commented);
    expect(merged.status).toBe('resolved');
    expect(merged.comments.map((c) => c.text)).toEqual(['too tight', 'fixed']);
    expect(mergeIssue(commented, resolved)).toEqual(merged);
  });

  it('issues and submissions go by the image hash and come back under the local image id', () => {
    const issue: ReviewIssue = { id: 'i1', imageId: 'local-1', kind: 'comment', x: 0, y: 0, objectId: null, status: 'open', comments: [], createdBy: 'rex', createdAt: 1 };
    const doc = issueDocOf(issue, HASH);
    expect(doc).toEqual({ _id: 'issue:i1', type: 'issue', image: HASH, issue: { ...issue, imageId: undefined } });
    expect(doc.issue).not.toHaveProperty('imageId');
    expect(issueOf(doc, 'other-local-id')).toEqual({ ...issue, imageId: 'other-local-id' });
    const snapshot = { imageId: 'local-1', submittedAt: 123, submittedBy: 'anna', objects: [object('a')] };
    const submission = submissionDocOf(snapshot, HASH);
    expect(submission._id).toBe(`submission:${HASH}:123`);
    expect(snapshotOf(submission, 'local-1')).toEqual(snapshot);
  });

  it('tells the app’s documents by their id', () => {
    expect(docKind(`image:${HASH}`)).toBe('image');
    expect(docKind('issue:x')).toBe('issue');
    expect(docKind(`submission:${HASH}:1`)).toBe('submission');
    expect(docKind('_design/nuclei-annotator')).toBeNull();
  });
});
