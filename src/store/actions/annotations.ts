import type { Change, History, Step } from '../../core/history';
import { newId } from '../../core/ids';
import { byZ, NUCLEUS_LABEL, type AnnotationObject, type Ring } from '../../core/objects';
import { loadObjects } from '../../io/db';
import { currentImage, getState, imageById, setState } from '../store';
import { flushSaves } from './autosave';
import { rebuildHitIndex } from './hitTest';
import { applyObjectChanges } from './objectChanges';
import { historyOf } from './undoHistory';
import { recalledDraft } from './imageMemory';

let loading: Promise<void> = Promise.resolve();

/** Resolves once the objects of the image being opened are shown (at once when none is loading). */
export function whenObjectsLoaded(): Promise<void> {
  return loading;
}

/** Shows the stored objects of an image; loading is not an undoable step. */
export function loadAnnotations(imageId: string): Promise<void> {
  loading = readAnnotations(imageId);
  return loading;
}

async function readAnnotations(imageId: string): Promise<void> {
  await flushSaves();
  const [objects, draft] = await Promise.all([loadObjects(imageId), recalledDraft(imageId)]);
  const image = imageById(getState(), imageId);
  if (!image || getState().currentId !== imageId) return;
  rebuildHitIndex(objects, image.width, image.height);
  const history = historyOf(imageId);
  setState({
    objects: new Map(byZ(objects).map((object) => [object.id, object])),
    objectsImageId: imageId,
    selectedId: null,
    preview: null,
    // An outline left unfinished here comes back; the tools resume drawing it.
    draft: draft ? { vertices: draft } : null,
    canUndo: history.canUndo,
    canRedo: history.canRedo,
  });
}

/** One user gesture on the open image: applied and recorded as one undo step. */
export function commit(changes: Step<AnnotationObject>): void {
  applyObjectChanges(changes, { source: 'user', history: 'record' });
}

export function undo(): void {
  if (getState().canUndo) travel((history) => history.undo(), 'before');
}

export function redo(): void {
  if (getState().canRedo) travel((history) => history.redo(), 'after');
}

/**
 * Undo and redo are changes like any other (new versions, saved, anchors followed) that the
 * history does not record again. Not while an outline is being drawn.
 */
function travel(move: (history: History<AnnotationObject>) => Step<AnnotationObject> | null, side: 'before' | 'after'): void {
  const imageId = getState().objectsImageId;
  if (!imageId || getState().draft) return;
  const history = historyOf(imageId);
  const { objects } = getState();
  const peek = side === 'before' ? history.peekUndo() : history.peekRedo();
  if (!peek) return;
  const changes: Change<AnnotationObject>[] = peek.map((change) => ({ id: change.id, before: objects.get(change.id) ?? null, after: change[side] }));
  if (applyObjectChanges(changes, { source: 'user', history: 'skip' })) move(history);
  setState({ canUndo: history.canUndo, canRedo: history.canRedo, preview: null });
}

function topZ(): number {
  let top = 0;
  for (const object of getState().objects.values()) top = Math.max(top, object.z);
  return top;
}

/** Adds a new object on top of the others and selects it; returns its id (null when refused). */
export function createObject(rings: Ring[], extra: Partial<AnnotationObject> = {}, source: 'user' | 'model' = 'user'): string | null {
  const now = Date.now();
  const object: AnnotationObject = {
    id: newId(),
    version: 0, // the pipeline stamps 1
    rings,
    z: topZ() + 1,
    label: NUCLEUS_LABEL,
    createdAt: now,
    updatedAt: now,
    author: getState().user.name,
    ...extra,
  };
  if (!applyObjectChanges([{ id: object.id, before: null, after: object }], { source, history: 'record' })) return null;
  setState({ selectedId: object.id });
  return object.id;
}

/** A change to an existing object, stamped with time and author (one undo step). */
export function updateObject(id: string, change: Partial<Omit<AnnotationObject, 'id' | 'version'>>): void {
  const before = getState().objects.get(id);
  if (!before) return;
  const after = { ...before, ...change, updatedAt: Date.now(), author: getState().user.name };
  commit([{ id, before, after }]);
}

export function deleteObjects(ids: string[]): void {
  const { objects } = getState();
  const changes: Change<AnnotationObject>[] = ids
    .map((id) => objects.get(id))
    .filter((object): object is AnnotationObject => !!object && !object.locked)
    .map((object) => ({ id: object.id, before: object, after: null }));
  commit(changes);
}

/** Selects an object (or nothing); a selected proposal is let go when an object is selected. */
export function selectObject(id: string | null): void {
  setState({ selectedId: id, preview: null, ...(id ? { selectedProposalId: null } : {}) });
}

/** The selected object, unless it is locked (locked objects cannot be edited). */
export function editableSelection(): AnnotationObject | null {
  const { selectedId, objects } = getState();
  const object = selectedId ? objects.get(selectedId) : undefined;
  return object && !object.locked ? object : null;
}

/** The open image's size, for clipping outlines to it. */
export function imageBounds(): { width: number; height: number } {
  return currentImage(getState()) ?? { width: 0, height: 0 };
}
