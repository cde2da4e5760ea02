import { saveObjectChanges, type ObjectWrite, type SaveOutcome } from '../../io/db';
import { getState, imageById, patchImage, setState } from '../store';
import type { AppliedChanges } from './afterChange';
import { reportConflicts } from './conflicts';
import { trackSave } from './saving';
import { announceSaved } from './tabSync';
import { wroteLocally } from './localWrites';

/**
 * No fixed delay: a write starts in the task after a change, so a lone edit is durable one
 * IndexedDB commit after it. The batching adapts to the write time instead: changes made in one
 * task are queued together, and changes made while a write is in flight (key repeat, a burst of
 * edits) wait for it and are all written together in the next transaction.
 */
const SAVE_DELAY_MS = 0;
/** After a failed write, try again this much later (and at the next change). */
const RETRY_DELAY_MS = 3000;

/**
 * Per image, objects changed since the last successful write: the latest state (null = deleted)
 * and the stored version it was made from, which the write checks (compare-and-set).
 */
const unsaved = new Map<string, Map<string, ObjectWrite>>();
let timer: ReturnType<typeof setTimeout> | null = null;
/** The last write begun; each flush waits for it, so writes run one after another in order. */
let lastWrite: Promise<void> = Promise.resolve();

/** After a local change: its objects are queued for writing (remote changes are stored already). */
export function queueForSaving({ imageId, source, changes }: AppliedChanges): void {
  if (source === 'remote') return;
  const pending = unsaved.get(imageId) ?? new Map<string, ObjectWrite>();
  for (const { id, before, after } of changes) pending.set(id, { id, base: baseOf(pending.get(id), before?.version ?? null), after });
  unsaved.set(imageId, pending);
  schedule(SAVE_DELAY_MS);
}

/** The base of a write is the version stored when its object's first unsaved change was made. */
function baseOf(earlier: ObjectWrite | undefined, base: number | null): number | null {
  return earlier ? earlier.base : base;
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
    const imageName = imageById(getState(), imageId)?.name ?? 'image';
    const retrying = getState().saveFailed;
    let outcome: SaveOutcome | null = null;
    const write = saveObjectChanges(imageId, [...changes.values()]).then((result) => void (outcome = result));
    const saved = await trackSave(write, `${imageName}: changes not saved`, retrying);
    setState({ saveFailed: !saved });
    if (!saved || !outcome) {
      requeue(imageId, changes);
      continue;
    }
    const { written, conflicts, objectCount } = outcome as SaveOutcome;
    performance.mark('objects-saved');
    announceSaved(imageId, written, objectCount);
    if (written.length) wroteLocally(imageId);
    if (conflicts.length) reportConflicts(imageId, conflicts);
    // The figure in the list is the stored one, unless newer changes are still on their way.
    if (!unsaved.has(imageId)) patchImage(imageId, { objectCount });
  }
}

function requeue(imageId: string, changes: Map<string, ObjectWrite>): void {
  const merged = new Map(changes);
  for (const [id, newer] of unsaved.get(imageId) ?? []) merged.set(id, { ...newer, base: baseOf(changes.get(id), newer.base) });
  unsaved.set(imageId, merged);
  schedule(RETRY_DELAY_MS);
}

/** Takes an object out of the save queue (its conflict is being resolved by the user). */
export function dropPendingSave(imageId: string, id: string): void {
  unsaved.get(imageId)?.delete(id);
  if (unsaved.get(imageId)?.size === 0) unsaved.delete(imageId);
}

/** Drops the queued changes of a removed image, so no write brings its objects back. */
export function forgetPendingSaves(imageId: string): void {
  unsaved.delete(imageId);
}

/** True when a change to this object is waiting to be written (it is this tab's to save). */
export function isUnsaved(imageId: string, id: string): boolean {
  return unsaved.get(imageId)?.has(id) ?? false;
}

/** True when every change has reached storage. */
export function allSaved(): boolean {
  return unsaved.size === 0 && timer === null && getState().pendingSaves === 0;
}
