import type { AnnotationObject } from '../../core/objects';
import { saveObjectChanges } from '../../io/db';
import { getState, imageById, patchImage, setState } from '../store';
import type { AppliedChanges } from './afterChange';
import { trackSave } from './saving';

/** Changes made within this time (key repeat, quick edits) are written together. */
const SAVE_DELAY_MS = 30;
/** After a failed write, try again this much later (and at the next change). */
const RETRY_DELAY_MS = 3000;

/** Per image, objects changed since the last successful write: the latest state (null = deleted). */
const unsaved = new Map<string, Map<string, AnnotationObject | null>>();
let timer: ReturnType<typeof setTimeout> | null = null;
/** The last write begun; each flush waits for it, so writes run one after another in order. */
let lastWrite: Promise<void> = Promise.resolve();

/** After a local change: its objects are queued for writing (remote changes are stored already). */
export function queueForSaving({ imageId, source, changes }: AppliedChanges): void {
  if (source === 'remote') return;
  const pending = unsaved.get(imageId) ?? new Map<string, AnnotationObject | null>();
  for (const { id, after } of changes) pending.set(id, after);
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
 * Writes everything queued, one transaction per image, and resolves once everything queued
 * before the call is committed (or has failed and been requeued): calls are chained, so a
 * second caller never returns while an earlier write is still in flight.
 */
export function flushSaves(): Promise<void> {
  const write = lastWrite.then(writeQueued);
  lastWrite = write.catch(() => {}); // a failure is reported by writeQueued; the chain goes on
  return write;
}

async function writeQueued(): Promise<void> {
  const batch = new Map(unsaved);
  unsaved.clear();
  for (const [imageId, changes] of batch) {
    const put = [...changes.values()].filter((object): object is AnnotationObject => object !== null);
    const remove = [...changes].filter(([, object]) => object === null).map(([id]) => id);
    const imageName = imageById(getState(), imageId)?.name ?? 'image';
    const retrying = getState().saveFailed;
    let storedCount: number | null = null;
    const write = saveObjectChanges(imageId, put, remove).then((count) => void (storedCount = count));
    const saved = await trackSave(write, `${imageName}: changes not saved`, retrying);
    setState({ saveFailed: !saved });
    if (!saved) {
      requeue(imageId, changes);
      continue;
    }
    performance.mark('objects-saved');
    // The figure in the list is the stored one, unless newer changes are still on their way.
    if (storedCount !== null && !unsaved.has(imageId)) patchImage(imageId, { objectCount: storedCount });
  }
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
  return unsaved.size === 0 && timer === null && getState().pendingSaves === 0;
}
