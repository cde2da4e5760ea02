/**
 * What importing one bundle image does to an image the project already has (the same content
 * hash): objects by the one merge rule (sync/mergeObjects.ts; the base is what the bundle's
 * maker last received from this project, when it says so), issues by id with their threads joined, submissions by time, the status by the later
 * status change. Nothing already there is duplicated, and nothing either side holds is dropped
 * unreported: a doubly changed object keeps the later change and the other version is returned
 * as a conflict, with a review issue on the object so the reviewer sees it too.
 */
import { canonicalJson, mergeObjectSets, sameObject } from '../sync/mergeObjects';
import type { AnnotationObject } from '../objects';
import type { ImageRecord, ReferenceLayer, SnapshotRecord, StatusChange } from '../project';
import { labelPoint, lastActivity, type ReviewIssue } from '../review/issues';
import type { BundleImage, StoredImage } from './format';

/** An object both sides hold differently: `mine` is this project's, `theirs` the bundle's; `kept` is the one now stored. */
export interface BundleConflict {
  id: string;
  mine: AnnotationObject;
  theirs: AnnotationObject;
  kept: 'mine' | 'theirs';
}

/** The writes that bring the bundle's image into the stored one (only what changes). */
export interface BundleMerge {
  record: ImageRecord;
  /** Objects to write: the bundle's new objects and those whose bundle version won. */
  objects: AnnotationObject[];
  /** Objects to delete: deleted in the bundle since it last had this project's version. */
  removed: string[];
  submissions: SnapshotRecord[];
  issues: ReviewIssue[];
  layers: ReferenceLayer[];
  conflicts: BundleConflict[];
}

export interface MergeContext {
  /** The bundle's file name, for the conflict issues. */
  fileName: string;
  /** Who imports it (the conflict issues' author), and when. */
  user: string;
  now: number;
  /**
   * The object versions the bundle's maker last received from this project (versionKey by id),
   * or null: then there is no common base, and every object the two hold differently is a conflict.
   */
  base: Readonly<Record<string, string>> | null;
}

/** Names one version of an object: it changes with every change (version, time, author). */
export const versionKey = (object: AnnotationObject) => `${object.version}:${object.updatedAt}:${object.author}`;

/** Every object's version key, as a bundle's receiver records it (format.ts, BundleImage.received). */
export const versionKeys = (objects: readonly AnnotationObject[]): Record<string, string> => Object.fromEntries(objects.map((object) => [object.id, versionKey(object)]));

/**
 * The common base as objects: for each id the base names, whichever side still holds that
 * version (neither: unknown, left out, so the two sides' versions meet as without a base).
 */
function baseObjects(base: Readonly<Record<string, string>>, ...sides: ReadonlyArray<ReadonlyMap<string, AnnotationObject>>): AnnotationObject[] {
  return Object.entries(base).flatMap(([id, key]) => {
    const found = sides.map((side) => side.get(id)).find((object) => object && versionKey(object) === key);
    return found ? [found] : [];
  });
}

/** The stored image's status history and the bundle's, each change once, in time order; the status is the later change's. */
function mergeStatus(local: ImageRecord, incoming: BundleImage['record']): Pick<ImageRecord, 'status' | 'statusHistory'> {
  const seen = new Set(local.statusHistory.map((change) => canonicalJson(change)));
  const added = incoming.statusHistory.filter((change) => !seen.has(canonicalJson(change)));
  if (added.length === 0) return { status: local.status, statusHistory: local.statusHistory };
  const statusHistory: StatusChange[] = [...local.statusHistory, ...added].sort((a, b) => a.at - b.at);
  const latest = statusHistory.at(-1)!;
  const localLatest = local.statusHistory.at(-1);
  return { status: localLatest && localLatest.at >= latest.at ? local.status : latest.status, statusHistory };
}

/** When an issue last changed as far as it records: its last comment or its resolution. */

/** One issue both sides hold: comments joined (each once, in time order); open or resolved as the side with the later activity has it. */
export function mergeIssue(local: ReviewIssue, incoming: Omit<ReviewIssue, 'imageId'>): ReviewIssue {
  const seen = new Set(local.comments.map((comment) => canonicalJson(comment)));
  const comments = [...local.comments, ...incoming.comments.filter((comment) => !seen.has(canonicalJson(comment)))].sort((a, b) => a.at - b.at);
  const decides = lastActivity(incoming) > lastActivity(local) ? incoming : local;
  const { resolvedBy, resolvedAt } = decides.status === 'resolved' ? decides : { resolvedBy: undefined, resolvedAt: undefined };
  const merged: ReviewIssue = { ...local, comments, status: decides.status };
  delete merged.resolvedBy;
  delete merged.resolvedAt;
  return { ...merged, ...(resolvedBy !== undefined ? { resolvedBy } : {}), ...(resolvedAt !== undefined ? { resolvedAt } : {}) };
}

/** A review issue on a conflicting object; its id follows from the two versions, so importing the same bundle again raises it once. */
function conflictIssue(imageId: string, conflict: BundleConflict, { fileName, user, now }: MergeContext): ReviewIssue {
  const kept = conflict.kept === 'mine' ? conflict.mine : conflict.theirs;
  const other = conflict.kept === 'mine' ? conflict.theirs : conflict.mine;
  const point = labelPoint(kept.rings);
  const when = (object: AnnotationObject) => new Date(object.updatedAt).toISOString().replace('T', ' ').slice(0, 16);
  const text =
    `Conflict from bundle ${fileName}: this object was changed here and in the bundle. ` +
    `Kept the later change (${kept.author}, ${when(kept)}, ${conflict.kept === 'mine' ? 'this project' : 'the bundle'}); ` +
    `the other (${other.author}, ${when(other)}) is set aside: restore it with Keep mine / Take theirs in the conflict bar.`;
  return {
    id: `bundle-conflict-${conflict.id}-${conflict.mine.version}.${conflict.mine.updatedAt}-${conflict.theirs.version}.${conflict.theirs.updatedAt}`,
    imageId,
    kind: 'comment',
    x: Number.isFinite(point.x) ? point.x : 0,
    y: Number.isFinite(point.y) ? point.y : 0,
    objectId: conflict.id,
    status: 'open',
    comments: [{ author: user, at: now, text }],
    createdBy: user,
    createdAt: now,
  };
}

/** Merges the bundle's image into the stored one (see the module comment). */
export function mergeBundleImage(local: StoredImage, incoming: BundleImage, context: MergeContext): BundleMerge {
  const imageId = local.record.id;
  const localById = new Map(local.objects.map((object) => [object.id, object]));
  const incomingById = new Map(incoming.objects.map((object) => [object.id, object]));
  const base = context.base && { objects: baseObjects(context.base, localById, incomingById), removed: {} };
  const merged = mergeObjectSets({ objects: local.objects, removed: {} }, { objects: incoming.objects, removed: {} }, base);
  const objects = merged.objects.filter((object) => !sameObject(localById.get(object.id) ?? null, object));
  const removed = Object.keys(merged.removed).filter((id) => localById.has(id));
  const conflicts: BundleConflict[] = merged.conflicts.map(({ id, kept }) => {
    const mine = localById.get(id)!;
    const theirs = incomingById.get(id)!;
    return { id, mine, theirs, kept: sameObject(kept, mine) ? 'mine' : 'theirs' };
  });

  const localIssues = new Map(local.issues.map((issue) => [issue.id, issue]));
  const issues: ReviewIssue[] = [];
  for (const issue of [...incoming.issues, ...conflicts.map((conflict) => conflictIssue(imageId, conflict, context))]) {
    const mine = localIssues.get(issue.id);
    const result = mine ? mergeIssue(mine, issue) : { ...issue, imageId };
    if (!mine || canonicalJson(result) !== canonicalJson(mine)) issues.push(result);
  }
  const submittedAt = new Set(local.submissions.map((submission) => submission.submittedAt));
  const layerIds = new Set(local.layers.map((layer) => layer.id));
  return {
    record: { ...local.record, ...mergeStatus(local.record, incoming.record), ...(!local.record.split && incoming.record.split ? { split: incoming.record.split } : {}) },
    objects,
    removed,
    submissions: incoming.submissions.filter((submission) => !submittedAt.has(submission.submittedAt)).map((submission) => ({ ...submission, imageId })),
    issues,
    layers: incoming.layers.filter((layer) => !layerIds.has(layer.id)).map((layer) => ({ ...layer, imageId })),
    conflicts,
  };
}

/** Whether the merge changes anything stored. */
export function mergeChanges(local: StoredImage, merge: BundleMerge): boolean {
  return merge.objects.length + merge.removed.length + merge.submissions.length + merge.issues.length + merge.layers.length > 0 || canonicalJson(merge.record) !== canonicalJson(local.record);
}
