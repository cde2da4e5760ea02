/**
 * Committed local writes of an image's synced data (objects, status, split, issues, a new
 * image): the sync bridge listens to bring them into the project's replica. Kept apart from
 * the bridge so the writers (autosave, review, intake) need not import it.
 */
const listeners: Array<(imageId: string) => void> = [];

export function onLocalWrite(listener: (imageId: string) => void): void {
  listeners.push(listener);
}

/** After a write to `imageId`'s objects, status, issues or record is committed. */
export function wroteLocally(imageId: string): void {
  for (const listener of listeners) listener(imageId);
}
