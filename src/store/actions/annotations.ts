import { History, type Change, type Step } from '../../core/history';
import { newId } from '../../core/ids';
import { byZ, NUCLEUS_LABEL, type AnnotationObject, type Ring } from '../../core/objects';
import { loadObjects } from '../../io/db';
import { currentImage, getState, imageById, patchImage, setState } from '../store';
import { flushSaves, queueSave } from './autosave';
import { rebuildHitIndex, updateHitIndex } from './hitTest';
import { allowEdit, followObjects } from './review';

/** Undo history per image, kept for the session (switching images does not lose it). */
const histories = new Map<string, History<AnnotationObject>>();

function historyOf(imageId: string): History<AnnotationObject> {
  let history = histories.get(imageId);
  if (!history) histories.set(imageId, (history = new History()));
  return history;
}

/** Drops the undo history of a removed image. */
export function forgetHistory(imageId: string): void {
  histories.delete(imageId);
}

/** Shows the stored objects of an image; loading is not an undoable step. */
export async function loadAnnotations(imageId: string): Promise<void> {
  await flushSaves();
  const objects = await loadObjects(imageId);
  const image = imageById(getState(), imageId);
  if (!image || getState().currentId !== imageId) return;
  rebuildHitIndex(objects, image.width, image.height);
  const history = historyOf(imageId);
  setState({
    objects: new Map(byZ(objects).map((object) => [object.id, object])),
    objectsImageId: imageId,
    selectedId: null,
    preview: null,
    draft: null,
    canUndo: history.canUndo,
    canRedo: history.canRedo,
  });
}

/** Puts `after` states into the open image's objects, the hit index, the list count and the save queue. */
function applyStates(changes: Array<[string, AnnotationObject | null]>): void {
  const { objectsImageId } = getState();
  if (!objectsImageId) return;
  const objects = new Map(getState().objects);
  for (const [id, object] of changes) {
    if (object) objects.set(id, object);
    else objects.delete(id);
    updateHitIndex(id, object);
  }
  const selectedId = getState().selectedId;
  setState({ objects, selectedId: selectedId && objects.has(selectedId) ? selectedId : null });
  patchImage(objectsImageId, { objectCount: objects.size });
  queueSave(objectsImageId, changes);
}

/** One user gesture: applies the changes and records them as one undo step. */
export function commit(changes: Step<AnnotationObject>): void {
  const imageId = getState().objectsImageId;
  if (!imageId || changes.length === 0 || !allowEdit()) return;
  performance.mark('objects-changed');
  const history = historyOf(imageId);
  history.record(changes);
  applyStates(changes.map((change) => [change.id, change.after]));
  setState({ canUndo: history.canUndo, canRedo: history.canRedo });
  followObjects(changes.map((change) => change.id));
}

export function undo(): void {
  if (getState().canUndo) travel((history) => history.undo(), 'before');
}

export function redo(): void {
  if (getState().canRedo) travel((history) => history.redo(), 'after');
}

function travel(move: (history: History<AnnotationObject>) => Step<AnnotationObject> | null, side: 'before' | 'after'): void {
  const imageId = getState().objectsImageId;
  if (!imageId || getState().draft || !allowEdit()) return;
  const history = historyOf(imageId);
  const step = move(history);
  if (step) {
    applyStates(step.map((change) => [change.id, change[side]]));
    followObjects(step.map((change) => change.id));
  }
  setState({ canUndo: history.canUndo, canRedo: history.canRedo, preview: null });
}

function topZ(): number {
  let top = 0;
  for (const object of getState().objects.values()) top = Math.max(top, object.z);
  return top;
}

/** Adds a new object on top of the others and selects it; returns its id. */
export function createObject(rings: Ring[], extra: Partial<AnnotationObject> = {}): string {
  const now = Date.now();
  const object: AnnotationObject = {
    id: newId(),
    rings,
    z: topZ() + 1,
    label: NUCLEUS_LABEL,
    createdAt: now,
    updatedAt: now,
    author: getState().user.name,
    ...extra,
  };
  commit([{ id: object.id, before: null, after: object }]);
  setState({ selectedId: object.id });
  return object.id;
}

/** A change to an existing object, stamped with time and author (one undo step). */
export function updateObject(id: string, change: Partial<Omit<AnnotationObject, 'id'>>): void {
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

export function selectObject(id: string | null): void {
  setState({ selectedId: id, preview: null });
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
