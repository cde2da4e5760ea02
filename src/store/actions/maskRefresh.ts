import { refreshMaskInWorker } from '../../workers/masksClient';

/** The kept mask is recomputed once changes to an image have paused this long. */
const REFRESH_DELAY_MS = 800;
const timers = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * Recomputes the image's kept `_objects.png` in the background worker after its objects were
 * saved. The mask is a convenience copy: a failure is ignored, the next change retries.
 */
export function scheduleMaskRefresh(imageId: string): void {
  clearTimeout(timers.get(imageId));
  timers.set(
    imageId,
    setTimeout(() => {
      timers.delete(imageId);
      refreshMaskInWorker(imageId).catch(() => {});
    }, REFRESH_DELAY_MS),
  );
}
