/**
 * What the sync bridge does with one image: this browser's objects and status, the image's
 * document in the local replica, and the base (the objects as this browser last merged or wrote
 * them) give the merged state, the changes to make locally, and what the document must say.
 */
import type { AnnotationObject } from '../objects';
import type { ImageRecord } from '../project';
import { mergeStatus, objectSetOf, type ImageDoc } from './docs';
import { mergeObjectSets, sameObject, type ObjectConflict, type ObjectSet } from './mergeObjects';

type Status = Pick<ImageRecord, 'status' | 'statusHistory'>;

export interface ImageMergeInput {
  objects: readonly AnnotationObject[];
  status: Status;
  /** The image's document (winning revision, conflicts already merged), or null before it exists. */
  remote: ImageDoc | null;
  base: ObjectSet | null;
  /** Take the document as it is (the server refused what this browser wrote): no merge, nothing of ours kept. */
  adopt: boolean;
}

export interface ImageMergeResult {
  set: ObjectSet;
  status: Status;
  /** Local changes to make: each object's state here and after (null = absent). */
  changes: Array<{ id: string; before: AnnotationObject | null; after: AnnotationObject | null }>;
  conflicts: ObjectConflict[];
}

/**
 * Objects the base had that are no longer here were deleted here: tombstones at the version the
 * base had (with the base's own tombstones), so the merge tells a deletion from "never had it".
 */
export function localSet(objects: readonly AnnotationObject[], base: ObjectSet | null): ObjectSet {
  const here = new Set(objects.map((object) => object.id));
  const removed: Record<string, number> = { ...(base?.removed ?? {}) };
  for (const object of base?.objects ?? []) if (!here.has(object.id)) removed[object.id] = object.version;
  for (const id of here) delete removed[id];
  return { objects, removed };
}

export function mergeImage({ objects, status, remote, base, adopt }: ImageMergeInput): ImageMergeResult {
  const local = localSet(objects, base);
  let merged: { objects: readonly AnnotationObject[]; removed: Record<string, number>; conflicts: ObjectConflict[] };
  let mergedStatus: Status;
  if (!remote) [merged, mergedStatus] = [{ ...local, removed: { ...local.removed }, conflicts: [] }, status];
  else if (adopt) [merged, mergedStatus] = [{ ...objectSetOf(remote), removed: { ...remote.removed }, conflicts: [] }, { status: remote.status, statusHistory: remote.statusHistory }];
  else [merged, mergedStatus] = [mergeObjectSets(local, objectSetOf(remote), base), mergeStatus(status, remote)];

  const before = new Map(objects.map((object) => [object.id, object]));
  const after = new Map(merged.objects.map((object) => [object.id, object]));
  const changes = [...new Set([...before.keys(), ...after.keys()])]
    .map((id) => ({ id, before: before.get(id) ?? null, after: after.get(id) ?? null }))
    .filter((change) => !sameObject(change.before, change.after));
  return { set: { objects: merged.objects, removed: merged.removed }, status: mergedStatus, changes, conflicts: merged.conflicts };
}
