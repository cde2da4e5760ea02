/**
 * An image document that two machines wrote while apart has several leaf revisions (CouchDB's
 * `_conflicts`). They are merged into one by the sync merge rule, object by object, against
 * their common ancestor when it is known: every object either side added or changed alone is
 * kept, and an object both changed is a conflict (the later change wins, the other is reported,
 * never dropped). The result depends only on the set of revisions and the base, not on which
 * machine merges or in which order it received them, so two machines merging at once agree.
 */
import { mergeStatus, type ImageDoc } from './docs';
import { mergeObjectSets, type ObjectConflict, type ObjectSet } from './mergeObjects';

export interface MergedRevisions {
  /** The merged content, on top of the first leaf (by revision id), without `_rev`. */
  doc: Omit<ImageDoc, '_rev'>;
  conflicts: ObjectConflict[];
}

/** Merges `leaves` (every leaf revision of one image document, at least one) against `base`. */
export function mergeRevisions(leaves: readonly ImageDoc[], base: ObjectSet | null): MergedRevisions {
  const sorted = [...leaves].sort((a, b) => ((a._rev ?? '') < (b._rev ?? '') ? -1 : 1));
  const [first, ...rest] = sorted;
  let set: ObjectSet = { objects: first.objects, removed: first.removed ?? {} };
  let status = { status: first.status, statusHistory: first.statusHistory };
  const conflicts = new Map<string, ObjectConflict>();
  for (const leaf of rest) {
    const merged = mergeObjectSets(set, { objects: leaf.objects, removed: leaf.removed ?? {} }, base);
    set = { objects: merged.objects, removed: merged.removed };
    status = mergeStatus(status, leaf);
    for (const conflict of merged.conflicts) conflicts.set(conflict.id, conflict);
  }
  const { _rev: _dropped, ...content } = first;
  const latest = sorted.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
  return {
    doc: { ...content, ...status, objects: [...set.objects], removed: { ...set.removed }, updatedAt: latest.updatedAt, updatedBy: latest.updatedBy },
    conflicts: [...conflicts.values()],
  };
}
