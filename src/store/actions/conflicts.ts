/**
 * Objects changed in two tabs (or, later, machines) at once. A save that finds the stored
 * version moved on does not overwrite it (io/db.ts); the user is told and chooses per object:
 * keep mine (written on top of theirs) or take theirs. Until then both versions are kept, mine
 * also in storage (meta), so a reload or a crash loses neither. A project bundle's import
 * (bundles.ts) reports its conflicts here too, already stored with the import.
 */
import type { AnnotationObject } from '../../core/objects';
import { sameObject } from '../../core/sync/mergeObjects';
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
  const found = refused.map(({ write, stored }): Conflict => ({ imageId, id: write.id, mine: write.after, theirs: stored }));
  for (const conflict of found) void writeMeta(keyOf(conflict), conflict);
  const count = found.length === 1 ? 'an object' : `${found.length} objects`;
  showConflicts(imageId, found, `${count} you changed was also changed in another tab`);
}

/** Puts conflicts (stored already) in the conflict bar, replacing older ones on the same objects, and says so. */
export function showConflicts(imageId: string, found: Conflict[], what: string): void {
  const kept = getState().conflicts.filter((conflict) => !found.some(same(conflict)));
  setState({ conflicts: [...kept, ...found] });
  const name = imageById(getState(), imageId)?.name ?? 'An image';
  notify('error', `${name}: ${what}; choose which version to keep`, (state) => state.conflicts.some((conflict) => conflict.imageId === imageId));
}

/** A bundle conflict's choice: the chosen version written over the stored one, unless it is the stored one. */
async function restore(conflict: Conflict, chosen: AnnotationObject | null): Promise<void> {
  const stored = await loadObject(conflict.imageId, conflict.id);
  resolve(conflict, () => sameObject(stored, chosen) || applyObjectChanges([{ id: conflict.id, before: stored, after: chosen }], { source: 'user', history: 'skip', imageId: conflict.imageId }));
}

/** Conflicts left unresolved by an earlier session. */
export async function loadConflicts(): Promise<void> {
  const stored = await readMetaWithPrefix<Conflict>(KEY_PREFIX);
  if (stored.length) setState({ conflicts: stored });
}

/** Keeps this tab's version: written over the stored one (a new version, saved as any change). */
export async function keepMine(conflict: Conflict): Promise<void> {
  if (conflict.bundle) return restore(conflict, conflict.mine);
  const stored = await loadObject(conflict.imageId, conflict.id);
  resolve(conflict, () => applyObjectChanges([{ id: conflict.id, before: stored, after: conflict.mine }], { source: 'user', history: 'skip', imageId: conflict.imageId }));
}

/** Takes the stored version: shown here as a remote change, this tab's version dropped. */
export async function takeTheirs(conflict: Conflict): Promise<void> {
  if (conflict.bundle) return restore(conflict, conflict.theirs);
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
