/**
 * Objects changed in two tabs (or, later, machines) at once. A save that finds the stored
 * version moved on does not overwrite it (io/db.ts); the user is told and chooses per object:
 * keep mine (written on top of theirs) or take theirs. Until then both versions are kept, mine
 * also in storage (meta), so a reload or a crash loses neither.
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
const same = (a: Conflict) => (b: Conflict) => a.imageId === b.imageId && a.id === b.id;

/** Writes this tab made that were refused because the object had changed meanwhile. */
export function reportConflicts(imageId: string, refused: Array<{ write: { id: string; after: AnnotationObject | null }; stored: AnnotationObject | null }>): void {
  const found = refused.map(({ write, stored }): Conflict => ({ imageId, id: write.id, mine: write.after, theirs: stored }));
  for (const conflict of found) void writeMeta(keyOf(conflict), conflict);
  const kept = getState().conflicts.filter((conflict) => !found.some(same(conflict)));
  setState({ conflicts: [...kept, ...found] });
  const name = imageById(getState(), imageId)?.name ?? 'An image';
  const count = found.length === 1 ? 'an object' : `${found.length} objects`;
  notify('error', `${name}: ${count} you changed was also changed in another tab; choose which version to keep`, (state) =>
    state.conflicts.some((conflict) => conflict.imageId === imageId));
}

/** Conflicts left unresolved by an earlier session. */
export async function loadConflicts(): Promise<void> {
  const stored = await readMetaWithPrefix<Conflict>(KEY_PREFIX);
  if (stored.length) setState({ conflicts: stored });
}

/** Keeps this tab's version: written over the stored one (a new version, saved as any change). */
export async function keepMine(conflict: Conflict): Promise<void> {
  const stored = await loadObject(conflict.imageId, conflict.id);
  resolve(conflict, () => applyObjectChanges([{ id: conflict.id, before: stored, after: conflict.mine }], { source: 'user', history: 'skip', imageId: conflict.imageId }));
}

/** Takes the stored version: shown here as a remote change, this tab's version dropped. */
export async function takeTheirs(conflict: Conflict): Promise<void> {
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
