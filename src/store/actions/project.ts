import { autoContrastOfHistogram, autoContrastWindow, defaultDisplay, type DisplaySettings } from '../../core/display';
import { deleteImages, loadImageRecords, loadPixels, readMeta, updateImageRecord, writeMeta } from '../../io/db';
import type { ImageRecord } from '../../core/project';
import { currentImage, getState, imageById, patchImage, setState } from '../store';
import { loadAnnotations } from './annotations';
import { forgetHistory } from './undoHistory';
import { memoryKeys, recalledView } from './imageMemory';
import { loadReferenceLayers } from './layers';
import { loadImageProposals } from './proposals';
import { forgetPendingSaves } from './autosave';
import { notify } from './notices';
import { loadReview } from './review';
import { trackSave } from './saving';
import { announceImagesChanged } from './tabSync';
import { wroteLocally } from './localWrites';

const LAST_OPENED_KEY = 'lastOpenedImage';

/** Reads the stored project at start-up and reopens the image that was open last. */
export async function loadProject(): Promise<void> {
  const images = await loadImageRecords();
  setState({ images, loaded: true });
  const last = await readMeta<string>(LAST_OPENED_KEY);
  const reopen = images.find((image) => image.id === last) ?? images[0];
  if (reopen) await openImage(reopen.id);
}

let openRequest = 0;

/** Shows an image, fitted to the viewer. Pixels are read from storage; only the latest request wins. */
export async function openImage(id: string): Promise<void> {
  const request = ++openRequest;
  performance.mark('image-open-requested');
  const pixels = await loadPixels(id);
  const image = imageById(getState(), id);
  const { view, autoFit } = image ? await recalledView(image) : { view: getState().view, autoFit: true };
  if (request !== openRequest) return;
  if (!pixels || !image) {
    notify('error', `${image?.name ?? 'Image'}: its pixel data is missing from storage`);
    return;
  }
  // The previous image's objects, selection, outline and issues go at once: nothing typed or
  // clicked while the new image's objects load may land on the wrong image. The new image is
  // shown with its objects, once they are read: an image on screen is always ready for editing
  // (a key pressed as soon as it appears is never lost to the loading).
  setState({
    currentId: id,
    objects: new Map(),
    objectsImageId: null,
    selectedId: null,
    selectedIds: [],
    preview: null,
    draft: null,
    issues: [],
    snapshot: null,
    issueDialog: null,
    layers: [],
    comparison: null,
    proposals: [],
    selectedProposalId: null,
  });
  void writeMeta(LAST_OPENED_KEY, id);
  await Promise.all([loadAnnotations(id), loadReview(id), loadReferenceLayers(id), loadImageProposals(id)]);
  if (request === openRequest) setState({ pixels, view, autoFit });
}

/** Opens the image `step` places away in the list (F: +1, D: -1); stays put at either end. */
export function stepImage(step: number): void {
  const { images, currentId } = getState();
  const index = images.findIndex((image) => image.id === currentId);
  const target = images[index + step];
  if (target) void openImage(target.id);
}

/** Removes images and all their stored data; opens a neighbour if the open image went. */
export async function removeImages(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const { images } = getState();
  for (const id of ids) {
    forgetPendingSaves(id);
    forgetHistory(id);
  }
  await deleteImages(ids, ids.flatMap(memoryKeys));
  announceImagesChanged();
  const gone = new Set(ids);
  await showImages(images.filter((image) => !gone.has(image.id)));
}

/** Shows a new image list (after removals here or changes in another tab); opens a neighbour if the open image went. */
export async function showImages(remaining: ImageRecord[]): Promise<void> {
  const { images, currentId } = getState();
  setState({ images: remaining });
  if (!currentId || remaining.some((image) => image.id === currentId)) return;
  const index = images.findIndex((image) => image.id === currentId);
  const kept = new Set(remaining.map((image) => image.id));
  const neighbour = images.slice(index + 1).find((image) => kept.has(image.id)) ?? remaining.at(-1);
  if (neighbour) await openImage(neighbour.id);
  else setState({ currentId: null, pixels: null, objects: new Map(), objectsImageId: null, selectedId: null, selectedIds: [] });
}

export function removeDemoImages(): Promise<void> {
  return removeImages(getState().images.filter((image) => image.demo).map((image) => image.id));
}

/** The dataset splits an image can be put in (its folder in the project ZIP); none puts it in all/. */
export const SPLITS = ['train', 'dev', 'test', 'val'] as const;

export function selectImages(ids: string[]): void {
  setState({ imageSelection: ids });
}

/** Puts images in a split (undefined: none), saved with each image. */
export function setSplit(ids: string[], split: string | undefined): void {
  for (const id of ids) {
    const image = imageById(getState(), id);
    if (!image || image.split === split) continue;
    const updated: ImageRecord = { ...image, split };
    patchImage(id, updated);
    void trackSave(updateImageRecord(updated).then(announceImagesChanged), `${image.name}: split not saved`).then(() => wroteLocally(id));
  }
}

/** Changes how the open image is displayed (never its data) and saves it with the image. */
export function updateDisplay(change: Partial<DisplaySettings>): void {
  const image = currentImage(getState());
  if (!image) return;
  const updated: ImageRecord = { ...image, display: { ...image.display, ...change } };
  patchImage(image.id, updated);
  void trackSave(updateImageRecord(updated), `${image.name}: display settings not saved`);
}

/** The image's own default window: the dataset normalization for 16-bit images, 0..255 otherwise. */
export function defaultDisplayOf(image: ImageRecord): DisplaySettings {
  return defaultDisplay(image.normalization ?? { low: 0, high: 255 });
}

export function resetDisplay(): void {
  const image = currentImage(getState());
  if (image) updateDisplay(defaultDisplayOf(image));
}

/** Window from the image's own histogram (on original values for 16-bit images). */
export function autoContrast(): void {
  const { pixels } = getState();
  if (!pixels) return;
  if (pixels.tiled) updateDisplay(autoContrastOfHistogram(pixels.histogram, pixels.tiled.width * pixels.tiled.height * pixels.tiled.channels));
  else updateDisplay({ ...autoContrastWindow(pixels.original ?? pixels.display) });
}
