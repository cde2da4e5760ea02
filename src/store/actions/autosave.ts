import type { AnnotationObject } from '../../core/objects';
import { saveObjectChanges } from '../../io/db';
import { getState, imageById, setState } from '../store';
import { scheduleMaskRefresh } from './maskRefresh';
import { trackSave } from './saving';

/** Changes made within this time (key repeat, quick edits) are written together. */
const SAVE_DELAY_MS = 30;
/** After a failed write, try again this much later (and at the next change). */
const RETRY_DELAY_MS = 3000;

/** Per image, objects changed since the last successful write: the latest state (null = deleted). */
const unsaved = new Map<string, Map<string, AnnotationObject | null>>();
let timer: ReturnType<typeof setTimeout> | null = null;
let writing: Promise<void> | null = null;

/** Queues changed objects of an image for writing; the status bar shows "Saving…" meanwhile. */
export function queueSave(imageId: string, changes: Iterable<[string, AnnotationObject | null]>): void {
  const pending = unsaved.get(imageId) ?? new Map<string, AnnotationObject | null>();
  for (const [id, object] of changes) pending.set(id, object);
  unsaved.set(imageId, pending);
  schedule(SAVE_DELAY_MS);
}

function schedule(delay: number): void {
  if (timer === null) setState({ pendingSaves: getState().pendingSaves + 1 });
  else clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    setState({ pendingSaves: getState().pendingSaves - 1 });
    void flushSaves();
  }, delay);
}

/**
 * Writes everything queued, one transaction per image. A failed write is reported and its
 * changes stay queued (merged under any newer ones), so nothing is lost from memory.
 */
export async function flushSaves(): Promise<void> {
  await writing;
  if (unsaved.size === 0) return;
  const batch = new Map(unsaved);
  unsaved.clear();
  writing = (async () => {
    for (const [imageId, changes] of batch) {
      const put = [...changes.values()].filter((object): object is AnnotationObject => object !== null);
      const remove = [...changes].filter(([, object]) => object === null).map(([id]) => id);
      const image = imageById(getState(), imageId);
      const count = image?.objectCount ?? 0;
      const imageName = image?.name ?? 'image';
      const retrying = getState().saveFailed;
      const saved = await trackSave(saveObjectChanges(imageId, put, remove, count), `${imageName}: changes not saved`, retrying);
      setState({ saveFailed: !saved });
      if (saved) {
        performance.mark('objects-saved');
        scheduleMaskRefresh(imageId);
      } else requeue(imageId, changes);
    }
  })();
  await writing;
  writing = null;
}

function requeue(imageId: string, changes: Map<string, AnnotationObject | null>): void {
  const newer = unsaved.get(imageId) ?? new Map();
  unsaved.set(imageId, new Map([...changes, ...newer]));
  schedule(RETRY_DELAY_MS);
}

/** Drops the queued changes of a removed image, so no write brings its objects back. */
export function forgetPendingSaves(imageId: string): void {
  unsaved.delete(imageId);
}

/** True when every change has reached storage. */
export function allSaved(): boolean {
  return unsaved.size === 0 && timer === null && writing === null;
}
