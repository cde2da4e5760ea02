import { describe, expect, it } from 'vitest';
import type { AnnotationObject } from '../objects';
import { toBundleImage, type BundleImage, type StoredImage } from './format';
import { mergeBundleImage, mergeChanges, mergeIssue, versionKeys, type MergeContext } from './merge';
import { generatedImage } from './testing/generated';

const context = (base: MergeContext['base'] = null): MergeContext => ({ fileName: 'from-b.zip', user: 'rev', now: 1_900_000_000_000, base });
const edited = (object: AnnotationObject, at: number, author = 'other'): AnnotationObject => ({
  ...object,
  version: object.version + 1,
  rings: [object.rings[0].map((c) => c + 1)],
  updatedAt: at,
  author,
});
/** The bundle another browser makes after it received `sent` and changed it with `change`. */
function theirBundle(sent: StoredImage, change: (image: BundleImage) => BundleImage): BundleImage {
  return change(structuredClone(toBundleImage(sent)));
}
const withObjects = (image: StoredImage, replace: (objects: AnnotationObject[]) => AnnotationObject[]): StoredImage => ({ ...image, objects: replace(image.objects) });

describe('mergeBundleImage on generated projects', () => {
  const sent = generatedImage(11, 30);

  it('the same image again: nothing changes, nothing is duplicated', () => {
    const merge = mergeBundleImage(sent, toBundleImage(sent), context());
    expect(mergeChanges(sent, merge)).toBe(false);
    expect(merge.conflicts).toEqual([]);
  });

  it('with the base it sent: a change on each side to different objects — both kept, no conflict', () => {
    const mine = withObjects(sent, (objects) => objects.map((o, i) => (i === 3 ? edited(o, 2e12, 'ann') : o)));
    const theirs = theirBundle(sent, (image) => ({ ...image, objects: image.objects.map((o, i) => (i === 7 ? edited(o, 2e12 + 5) : o)) }));
    const merge = mergeBundleImage(mine, theirs, context(versionKeys(sent.objects)));
    expect(merge.conflicts).toEqual([]);
    expect(merge.objects).toEqual([theirs.objects[7]]); // only what changes here is written
    expect(merge.removed).toEqual([]);
  });

  it('with the base: a deletion on either side stands when the other left the object as it was', () => {
    const mine = withObjects(sent, (objects) => objects.filter((_, i) => i !== 2));
    const theirs = theirBundle(sent, (image) => ({ ...image, objects: image.objects.filter((_, i) => i !== 5) }));
    const merge = mergeBundleImage(mine, theirs, context(versionKeys(sent.objects)));
    expect(merge.removed).toEqual([sent.objects[5].id]);
    expect(merge.objects).toEqual([]);
    expect(merge.conflicts).toEqual([]);
  });

  it('the same object changed on both sides: the later change wins, the other is a conflict with a review issue on the object', () => {
    const mine = withObjects(sent, (objects) => objects.map((o, i) => (i === 4 ? edited(o, 2e12 + 9, 'ann') : o)));
    const theirs = theirBundle(sent, (image) => ({ ...image, objects: image.objects.map((o, i) => (i === 4 ? edited(o, 2e12) : o)) }));
    for (const base of [versionKeys(sent.objects), null]) {
      const merge = mergeBundleImage(mine, theirs, context(base));
      expect(merge.conflicts).toEqual([{ id: sent.objects[4].id, mine: mine.objects[4], theirs: theirs.objects[4], kept: 'mine' }]);
      expect(merge.objects).toEqual([]); // mine is later: it stays as stored
      const issue = merge.issues.find((candidate) => candidate.objectId === sent.objects[4].id)!;
      expect(issue).toMatchObject({ kind: 'comment', status: 'open', imageId: sent.record.id, createdBy: 'rev' });
      expect(issue.comments[0].text).toMatch(/^Conflict from bundle from-b\.zip: .*Kept the later change \(ann, .*this project\)/);
      // Importing the same bundle again raises that issue once.
      const again = mergeBundleImage({ ...mine, issues: [...mine.issues, issue] }, theirs, context(base));
      expect(again.issues.filter((candidate) => candidate.id === issue.id)).toEqual([]);
    }
    const theirsLater = theirBundle(sent, (image) => ({ ...image, objects: image.objects.map((o, i) => (i === 4 ? edited(o, 3e12) : o)) }));
    const merge = mergeBundleImage(mine, theirsLater, context(versionKeys(sent.objects)));
    expect(merge.conflicts[0].kept).toBe('theirs');
    expect(merge.objects).toEqual([theirsLater.objects[4]]);
  });

  it('without a base, every object the two hold differently is a conflict; new objects on either side are kept', () => {
    const mine = withObjects(sent, (objects) => [...objects.map((o, i) => (i === 1 ? edited(o, 2e12, 'ann') : o)), { ...objects[0], id: 'mine-new' }]);
    const theirs = theirBundle(sent, (image) => ({ ...image, objects: [...image.objects, { ...image.objects[0], id: 'their-new' }] }));
    const merge = mergeBundleImage(mine, theirs, context(null));
    expect(merge.conflicts.map((c) => [c.id, c.kept])).toEqual([[sent.objects[1].id, 'mine']]);
    expect(merge.objects.map((o) => o.id)).toEqual(['their-new']);
  });

  it('issues by id, their threads joined without duplicates; submissions by time; the status of the later status change', () => {
    const mine: StoredImage = {
      ...sent,
      issues: [{ ...sent.issues[0], comments: [...sent.issues[0].comments, { author: 'ann', at: 1_700_000_000_500, text: 'mine' }] }],
    };
    const theirs = theirBundle(sent, (image) => ({
      ...image,
      record: { ...image.record, status: 'approved', statusHistory: [...image.record.statusHistory, { status: 'approved', by: 'rev', role: 'reviewer', at: 1_700_000_000_900 }] },
      issues: [
        { ...image.issues[0], status: 'resolved', resolvedBy: 'rev', resolvedAt: 1_700_000_000_800, comments: [...image.issues[0].comments, { author: 'rev', at: 1_700_000_000_600, text: 'theirs' }] },
        { ...image.issues[0], id: 'new-issue', comments: [] },
      ],
      submissions: [...image.submissions, { submittedAt: 1_700_000_000_700, submittedBy: 'ann', objects: [] }],
    }));
    const merge = mergeBundleImage(mine, theirs, context());
    expect(merge.record.status).toBe('approved');
    expect(merge.record.statusHistory.map((change) => change.status)).toEqual(['in progress', 'submitted', 'approved']);
    expect(merge.submissions.map((s) => [s.submittedAt, s.imageId])).toEqual([[1_700_000_000_700, sent.record.id]]);
    const joined = merge.issues.find((issue) => issue.id === sent.issues[0].id)!;
    expect(joined.comments.map((c) => c.text)).toEqual(['too wide', 'fixed?', 'mine', 'theirs']);
    expect(joined).toMatchObject({ status: 'resolved', resolvedBy: 'rev' });
    expect(merge.issues.find((issue) => issue.id === 'new-issue')).toMatchObject({ imageId: sent.record.id });
    // The receiving side's own later status change stands.
    const later = { ...sent, record: { ...sent.record, status: 'changes requested' as const, statusHistory: [...sent.record.statusHistory, { status: 'changes requested' as const, by: 'rev', role: 'reviewer' as const, at: 1_700_000_001_000 }] } };
    expect(mergeBundleImage(later, theirs, context()).record.status).toBe('changes requested');
  });

  it('mergeIssue: a reopened issue with a later comment stays open', () => {
    const resolved = { ...sent.issues[0], status: 'resolved' as const, resolvedBy: 'rev', resolvedAt: 1_700_000_000_500 };
    const reopened = { ...sent.issues[0], comments: [...sent.issues[0].comments, { author: 'ann', at: 1_700_000_000_600, text: 'not yet' }] };
    expect(mergeIssue(resolved, reopened)).toMatchObject({ status: 'open' });
    expect(mergeIssue(resolved, reopened).resolvedBy).toBeUndefined();
  });
});
