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
    selectedIds: [],
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
  selectObject(object.id);
  return object.id;
}

type ObjectEdit = Partial<Omit<AnnotationObject, 'id' | 'version'>>;

/** The open image's objects with these ids, as they are now. */
export function objectsNamed(ids: Iterable<string>): Map<string, AnnotationObject> {
  const { objects } = getState();
  return new Map([...ids].flatMap((id) => { const object = objects.get(id); return object ? [[id, object] as const] : []; }));
}

/** A change to an existing object, stamped with time and author (one undo step). */
export function updateObject(id: string, change: ObjectEdit): void {
  updateObjects([{ id, change }]);
}

/**
 * Changes to several objects as one undo step (a gesture on a selection of many). `basis`: the
 * objects as they were when the gesture began, when it may have outlasted a change from another
 * tab; the edit is then made on what the user saw, and saving it asks which version to keep.
 */
export function updateObjects(edits: ReadonlyArray<{ id: string; change: ObjectEdit }>, basis?: ReadonlyMap<string, AnnotationObject>): void {
  const { objects, user } = getState();
  const now = Date.now();
  const changes = edits.flatMap(({ id, change }) => {
    const before = objects.has(id) ? (basis?.get(id) ?? objects.get(id)) : undefined;
    return before ? [{ id, before, after: { ...before, ...change, updatedAt: now, author: user.name } }] : [];
  });
  commit(changes);
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
  setSelection(id ? [id] : []);
}

/** Selects these objects together; the last one shows its handles. */
export function setSelection(ids: string[]): void {
  const selectedId = ids.at(-1) ?? null;
  setState({ selectedId, selectedIds: ids, preview: null, ...(selectedId ? { selectedProposalId: null } : {}) });
}

/** Shift + click: an object joins the selection, or leaves it when it was in. */
export function toggleInSelection(id: string): void {
  const { selectedIds } = getState();
  setSelection(selectedIds.includes(id) ? selectedIds.filter((other) => other !== id) : [...selectedIds, id]);
}

/** The selected objects that may be edited (locked ones are left alone), bottom to top. */
export function editableSelectionAll(): AnnotationObject[] {
  const { selectedIds, objects } = getState();
  return byZ(selectedIds.map((id) => objects.get(id)).filter((object): object is AnnotationObject => !!object && !object.locked));
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
