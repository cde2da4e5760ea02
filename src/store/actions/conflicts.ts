/**
 * Objects changed in two places at once: two tabs (a save that finds the stored version moved
 * on does not overwrite it, io/db.ts), or two machines while apart (sync stores the later
 * change, store/actions/syncBridge.ts). The user is told and chooses per object: restore the
 * set-aside version (written on top of the stored one) or keep the stored one. Until then both
 * are kept, the set-aside one in storage too (meta), so a reload or a crash loses neither. A
 * project bundle's import (bundles.ts) reports its conflicts here too, stored with the import.
 */
import type { AnnotationObject } from '../../core/objects';
import { deleteMeta, loadObject, readMetaWithPrefix, writeMeta } from '../../io/db';
import { getState, imageById, setState, type Conflict } from '../store';
import { dropPendingSave } from './autosave';
import { notify } from './notices';
import { applyObjectChanges } from './objectChanges';
import { forgetStepsOn } from './undoHistory';

const KEY_PREFIX = 'conflict:';
const keyOf = ({ imageId, id }: Pick<Conflict, 'imageId' | 'id'>) => `${KEY_PREFIX}${imageId}:${id}`;

/** The meta record that keeps a conflict across reloads (a bundle import writes it with its objects). */
export const conflictRecord = (conflict: Conflict) => ({ key: keyOf(conflict), value: conflict });
const same = (a: Conflict) => (b: Conflict) => a.imageId === b.imageId && a.id === b.id;

/** Writes this tab made that were refused because the object had changed meanwhile. */
export function reportConflicts(imageId: string, refused: Array<{ write: { id: string; after: AnnotationObject | null }; stored: AnnotationObject | null }>): void {
  const found = refused.map(({ write, stored }): Conflict => ({ imageId, id: write.id, origin: 'tab', setAside: write.after, stored }));
  for (const conflict of found) void writeMeta(keyOf(conflict), conflict);
  const count = found.length === 1 ? 'an object' : `${found.length} objects`;
  showConflicts(imageId, found, `${count} you changed was also changed in another tab`);
}

/** Puts conflicts in the conflict bar, replacing older ones on the same objects. */
function putInBar(found: Conflict[]): void {
  const kept = getState().conflicts.filter((conflict) => !found.some(same(conflict)));
  setState({ conflicts: [...kept, ...found] });
}

/** Puts conflicts (stored already) in the conflict bar and says so. */
export function showConflicts(imageId: string, found: Conflict[], what: string): void {
  putInBar(found);
  const name = imageById(getState(), imageId)?.name ?? 'An image';
  notify('error', `${name}: ${what}; choose which version to keep`, (state) => state.conflicts.some((conflict) => conflict.imageId === imageId));
}

/** Adds conflicts (replacing older ones on the same objects), kept in storage until resolved. */
export function keepConflicts(found: Conflict[]): void {
  for (const conflict of found) void writeMeta(keyOf(conflict), conflict);
  putInBar(found);
}

/** A conflict as stored before sync existed: this tab's version ("mine") over the other tab's ("theirs"). */
type OldConflict = { imageId: string; id: string; mine: AnnotationObject | null; theirs: AnnotationObject | null; bundle?: Conflict['bundle'] };
type StoredConflict = Conflict | OldConflict;
const upgraded = (stored: StoredConflict): Conflict => {
  if ('origin' in stored) return stored;
  const { imageId, id, mine, theirs, bundle } = stored as OldConflict;
  if (!bundle) return { imageId, id, origin: 'tab', setAside: mine, stored: theirs };
  return { imageId, id, origin: 'bundle', bundle, ...(bundle.kept === 'mine' ? { stored: mine, setAside: theirs } : { stored: theirs, setAside: mine }) };
};

/** Conflicts left unresolved by an earlier session. */
export async function loadConflicts(): Promise<void> {
  const stored = await readMetaWithPrefix<StoredConflict>(KEY_PREFIX);
  if (stored.length) setState({ conflicts: stored.map(upgraded) });
}

/** Restores the set-aside version: written over the stored one (a new version, saved and synced as any change). */
export async function restoreSetAside(conflict: Conflict): Promise<void> {
  const stored = await loadObject(conflict.imageId, conflict.id);
  resolve(conflict, () => applyObjectChanges([{ id: conflict.id, before: stored, after: conflict.setAside }], { source: 'user', history: 'skip', imageId: conflict.imageId }));
}

/** Keeps the stored version: shown here as a remote change, the set-aside version dropped. */
export async function keepStored(conflict: Conflict): Promise<void> {
  const stored = await loadObject(conflict.imageId, conflict.id);
  resolve(conflict, () => {
    if (getState().objectsImageId === conflict.imageId) {
      applyObjectChanges([{ id: conflict.id, before: getState().objects.get(conflict.id) ?? null, after: stored }], { source: 'remote', history: 'skip', imageId: conflict.imageId });
    }
    return true;
  });
}

function resolve(conflict: Conflict, apply: () => boolean): void {
  dropPendingSave(conflict.imageId, conflict.id);
  if (!apply()) {
    notify('error', `${imageById(getState(), conflict.imageId)?.name ?? 'Image'}: your version cannot be kept, the image is locked for review`);
    return;
  }
  forgetStepsOn(conflict.imageId, [conflict.id]);
  setState({ conflicts: getState().conflicts.filter((other) => !same(conflict)(other)) });
  void deleteMeta(keyOf(conflict));
}
