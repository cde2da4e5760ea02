/**
 * The one change pipeline: every change to objects, whatever its source (a user's gesture, an
 * import, the model's proposals, another tab or machine), goes through applyObjectChanges.
 * What follows a change (hit index, object count, saving, issue anchors…) is registered in
 * afterChange.ts, not wired in here.
 */
import type { Change } from '../../core/history';
import type { AnnotationObject } from '../../core/objects';
import { getState, setState } from '../store';
import { AFTER_OBJECT_CHANGES, type AppliedChanges, type ChangeSource } from './afterChange';
import { allowEdit } from './review';
import { historyOf } from './undoHistory';

export type { ChangeSource };

export interface ChangeOptions {
  source: ChangeSource;
  /** 'record': one undo step (a user's gesture); 'skip': loading data, undo itself, remote edits. */
  history: 'record' | 'skip';
  /** The image whose objects change; default the open one. */
  imageId?: string;
}

/**
 * Applies `changes` (each an object's state before and after; null = absent) to an image's
 * objects. Local changes are refused when the user may not edit the image (the review lock)
 * and get the next version number; remote ones keep theirs. Returns whether it was applied.
 */
export function applyObjectChanges(changes: Change<AnnotationObject>[], options: ChangeOptions): boolean {
  const imageId = options.imageId ?? getState().objectsImageId;
  if (!imageId || changes.length === 0) return false;
  if (options.source !== 'remote' && !allowEdit(imageId)) return false;
  const stamped = options.source === 'remote' ? changes : changes.map(nextVersion);
  const open = imageId === getState().objectsImageId;
  if (open) replaceOpenObjects(stamped);
  if (options.history === 'record') {
    const history = historyOf(imageId);
    history.record(stamped);
    if (open) setState({ canUndo: history.canUndo, canRedo: history.canRedo });
  }
  const applied: AppliedChanges = { imageId, source: options.source, changes: stamped, open };
  for (const after of AFTER_OBJECT_CHANGES) after(applied);
  return true;
}

function nextVersion(change: Change<AnnotationObject>): Change<AnnotationObject> {
  if (!change.after) return change;
  return { ...change, after: { ...change.after, version: (change.before?.version ?? 0) + 1 } };
}

/** The open image's objects with the changes in (a new map: components compare by identity). */
function replaceOpenObjects(changes: Change<AnnotationObject>[]): void {
  const objects = new Map(getState().objects);
  for (const { id, after } of changes) {
    if (after) objects.set(id, after);
    else objects.delete(id);
  }
  const { selectedId, selectedIds } = getState();
  const kept = selectedIds.filter((id) => objects.has(id));
  setState({ objects, selectedId: selectedId && objects.has(selectedId) ? selectedId : (kept.at(-1) ?? null), selectedIds: kept });
}
