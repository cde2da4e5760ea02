/**
 * What each image remembers across switches and reloads besides its data: where the user was
 * looking (zoom and the image point at the middle of the viewer) and an unfinished outline.
 * Kept in the `meta` store under `view:<imageId>` and `draft:<imageId>`.
 */
import { centredView } from '../../core/viewTransform';
import type { ImageRecord } from '../../core/project';
import { deleteMeta, readMeta, writeMeta } from '../../io/db';
import { getState, useAppStore, type ViewState } from '../store';

/** A view is written once it has stayed put this long (a pan changes it on every frame). */
const VIEW_WRITE_DELAY_MS = 400;

const viewKey = (imageId: string) => `view:${imageId}`;
const draftKey = (imageId: string) => `draft:${imageId}`;

/** Stored: fitted to the window, or a zoom and the image point (image pixels) at the viewer's middle. */
type StoredView = { fit: true } | { fit: false; zoom: number; centreX: number; centreY: number };

/** The view to open an image with: as it was left (re-centred for this viewer's size), else fitted. */
export async function recalledView(image: ImageRecord): Promise<{ view: ViewState; autoFit: boolean }> {
  const stored = await readMeta<StoredView>(viewKey(image.id)).catch(() => undefined);
  const { viewport } = getState();
  if (!stored || stored.fit) return { view: centredView(image, viewport), autoFit: true };
  const { zoom, centreX, centreY } = stored;
  return { view: { zoom, x: viewport.width / 2 - centreX * zoom, y: viewport.height / 2 - centreY * zoom }, autoFit: false };
}

let pendingView: { imageId: string; stored: StoredView } | null = null;
let viewTimer: ReturnType<typeof setTimeout> | null = null;

/** Writes a view that is waiting for its delay (when the page is hidden, say). */
export function flushRememberedView(): void {
  if (viewTimer) clearTimeout(viewTimer);
  viewTimer = null;
  if (pendingView) void writeMeta(viewKey(pendingView.imageId), pendingView.stored).catch(() => {});
  pendingView = null;
}

useAppStore.subscribe((state, previous) => {
  if (state.currentId !== previous.currentId) flushRememberedView(); // the image left keeps its last view
  if (!state.currentId || state.currentId !== previous.currentId || state.pixels?.id !== state.currentId) return;
  if (state.view === previous.view && state.autoFit === previous.autoFit) return;
  const { view, viewport, autoFit } = state;
  const stored: StoredView = autoFit ? { fit: true } : { fit: false, zoom: view.zoom, centreX: (viewport.width / 2 - view.x) / view.zoom, centreY: (viewport.height / 2 - view.y) / view.zoom };
  pendingView = { imageId: state.currentId, stored };
  if (viewTimer) clearTimeout(viewTimer);
  viewTimer = setTimeout(flushRememberedView, VIEW_WRITE_DELAY_MS);
});

/** The outline left unfinished on an image (image pixels, flat x, y list), if any. */
export async function recalledDraft(imageId: string): Promise<number[] | null> {
  return (await readMeta<number[]>(draftKey(imageId)).catch(() => undefined)) ?? null;
}

/** Keeps (or, with null, forgets) the outline being drawn on an image; a failed write only loses this convenience. */
function rememberDraft(imageId: string, vertices: number[] | null): void {
  void (vertices ? writeMeta(draftKey(imageId), vertices) : deleteMeta(draftKey(imageId))).catch(() => {});
}

// The outline of "draw.drawing" is kept as it changes, and forgotten when it is closed or dropped.
// While another image opens (objectsImageId null) nothing is forgotten: the outline waits there.
useAppStore.subscribe((state, previous) => {
  if (state.draft === previous.draft || state.toolPath !== 'draw.drawing' || !state.objectsImageId) return;
  rememberDraft(state.objectsImageId, state.draft?.vertices ?? null);
});

/** The meta keys of an image's memory, deleted with the image. */
export function memoryKeys(imageId: string): string[] {
  return [viewKey(imageId), draftKey(imageId)];
}
