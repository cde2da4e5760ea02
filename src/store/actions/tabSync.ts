/**
 * Tabs of the app on one device tell each other of every committed change: objects written
 * (with the stored object count) and image records changed. The receiving tab shows them at
 * once, through the change pipeline with source 'remote' (not an undo step; undo steps on those
 * objects are dropped so an undo never silently reverts the other tab's work). Objects this tab
 * still has unsaved changes to are left alone: its own save will find them changed and ask.
 */
import type { AnnotationObject } from '../../core/objects';
import type { ObjectWrite } from '../../io/db';
import { loadImageRecords } from '../../io/db';
import { getState, imageById, patchImage } from '../store';
import { isUnsaved } from './autosave';
import { notify } from './notices';
import { applyObjectChanges } from './objectChanges';
import { forgetStepsOn } from './undoHistory';

type TabMessage =
  | { kind: 'objects'; imageId: string; objects: Array<{ id: string; after: AnnotationObject | null }>; objectCount: number }
  | { kind: 'images' };

const CHANNEL_NAME = 'nuclei-annotator';
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL_NAME);

function post(message: TabMessage): void {
  channel?.postMessage(message);
}

/** After a save: the objects written and the stored count, for the other tabs. */
export function announceSaved(imageId: string, written: ObjectWrite[], objectCount: number): void {
  if (written.length) post({ kind: 'objects', imageId, objects: written.map(({ id, after }) => ({ id, after })), objectCount });
}

/** After an image record was stored or removed. */
export function announceImagesChanged(): void {
  post({ kind: 'images' });
}

/** Starts listening; `showImages` shows a changed image list (project.ts, passed in to keep this module below it). */
export function listenToOtherTabs(showImages: (images: Awaited<ReturnType<typeof loadImageRecords>>) => Promise<void>): void {
  if (!channel) return;
  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    const message = event.data;
    if (message.kind === 'images') void loadImageRecords().then(showImages);
    else receiveObjects(message);
  };
}

function receiveObjects({ imageId, objects, objectCount }: Extract<TabMessage, { kind: 'objects' }>): void {
  const waiting = objects.filter(({ id }) => isUnsaved(imageId, id));
  if (waiting.length === 0) patchImage(imageId, { objectCount });
  const incoming = objects.filter(({ id }) => !isUnsaved(imageId, id));
  forgetStepsOn(imageId, incoming.map(({ id }) => id));
  if (getState().objectsImageId !== imageId) return;
  const shown = getState().objects;
  const changes = incoming
    .filter(({ id, after }) => (shown.get(id)?.version ?? null) !== (after?.version ?? null))
    .map(({ id, after }) => ({ id, before: shown.get(id) ?? null, after }));
  if (!applyObjectChanges(changes, { source: 'remote', history: 'skip', imageId })) return;
  const name = imageById(getState(), imageId)?.name ?? 'This image';
  notify('info', `${name}: ${changes.length === 1 ? 'an object was' : `${changes.length} objects were`} changed in another tab`);
}
