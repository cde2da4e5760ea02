import { matchImageName } from '../../core/cvat/convert';
import { describeDroppedOutlines } from '../../core/cvat/outline';
import { newId } from '../../core/ids';
import type { AnnotationFile } from '../../core/interchange/pairing';
import type { Decoded, InterchangeObject } from '../../core/interchange/types';
import { byZ, NUCLEUS_LABEL, type AnnotationObject } from '../../core/objects';
import { MASK_LOOKS_LIKE_PICTURE } from '../../core/mask/decodeMask';
import { baseName } from '../../core/paths';
import type { ImageRecord } from '../../core/project';
import { loadObjects } from '../../io/db';
import { masksWorkers } from '../../workers/masksClient';
import { isAbortError } from '../../workers/rpc';
import { getState, type ImportChoice } from '../store';
import { whenObjectsLoaded } from './annotations';
import { addReferenceLayer, askImportChoice } from './layers';
import { describeFailure, notify } from './notices';
import { applyObjectChanges } from './objectChanges';
import { runTask, type TaskControl } from './tasks';

/** An annotation file brought in, with what it is and the image it belongs to (core/interchange/pairing.ts). */
export interface AnnotationImport extends AnnotationFile {
  file: File;
}

/** What the user chose for the files of one import whose images have objects already ('skip' until asked). */
interface Batch {
  /** Chosen for every remaining file of the import. */
  forAll: ImportChoice | null;
}

/**
 * Puts objects read from a file onto an image, keeping their order, through the change pipeline
 * (source "import"). Onto an image without objects they simply come in (loading data is not an
 * undoable step). Onto one with objects the user chooses: replace them (one undo step, so
 * nothing is lost), add to them, keep the file as a read-only reference layer, or skip it.
 * Returns how many objects were added to the image's own.
 */
export async function addImportedObjects(image: ImageRecord, shapes: readonly InterchangeObject[], source: string, batch: Batch = { forAll: null }): Promise<number> {
  if (getState().currentId === image.id) await whenObjectsLoaded();
  const open = getState().objectsImageId === image.id;
  const existing = open ? [...getState().objects.values()] : await loadObjects(image.id);
  let choice: ImportChoice = existing.length === 0 ? 'add' : (batch.forAll ?? 'skip');
  if (existing.length > 0 && !batch.forAll) {
    const answer = await askImportChoice({ fileName: source, imageName: image.name, existing: existing.length, incoming: shapes.length });
    choice = answer.choice;
    if (answer.forAll) batch.forAll = choice;
  }
  if (choice === 'skip') {
    notify('info', `${source}: not imported onto ${image.name} (it keeps its ${existing.length} objects)`);
    return 0;
  }
  if (choice === 'reference') {
    await addReferenceLayer(image.id, source, shapes);
    notify('info', `${source}: shown on ${image.name} as a reference layer (${shapes.length} objects)`);
    return 0;
  }
  const now = Date.now();
  const author = getState().user.name;
  const base = choice === 'add' ? existing.reduce((top, object) => Math.max(top, object.z), 0) : 0;
  const created: AnnotationObject[] = byZ(shapes).map((shape, i) => ({
    id: newId(),
    version: 0,
    rings: shape.rings.map((ring) => [...ring]),
    z: base + i + 1,
    label: NUCLEUS_LABEL,
    ...(shape.note ? { note: shape.note } : {}),
    createdAt: now,
    updatedAt: now,
    author,
  }));
  const removed = choice === 'replace' ? existing.map((object) => ({ id: object.id, before: object, after: null })) : [];
  const changes = [...removed, ...created.map((object) => ({ id: object.id, before: null, after: object }))];
  const applied = applyObjectChanges(changes, { source: 'import', history: existing.length ? 'record' : 'skip', imageId: image.id });
  return applied ? created.length : 0;
}

function imageWithBase(base: string): ImageRecord | undefined {
  return getState().images.find((image) => baseName(image.name) === base);
}

async function decode(file: File, formatId: string, task: TaskControl, expected?: { width: number; height: number }, force = false) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return masksWorkers.call('decode', { formatId, fileName: file.name, bytes, expected, force }, { transfer: [bytes.buffer as ArrayBuffer], signal: task.signal, priority: 'background' });
}

/**
 * `X_objects.png` (a label image, a ROI set…) onto the project's image X: each object becomes
 * editable. `force`: also when it looks like an anti-aliased picture (the user said "Import anyway").
 */
async function importMaskFile({ file, format, imageBase }: AnnotationImport, task: TaskControl, batch: Batch, force = false): Promise<void> {
  const image = imageBase === null ? undefined : imageWithBase(imageBase);
  if (!image) {
    notify('error', `${file.name}: there is no image named ${imageBase} in the project to put these objects on; add the image first (or drop both together)`);
    return;
  }
  const decoded = await decode(file, format.id, task, { width: image.width, height: image.height }, force);
  const added = await addImportedObjects(image, decoded.images[0].objects, file.name, batch);
  const notes = leftOut(decoded);
  if (added || notes.length) notify('info', `${file.name}: ${[`${added} objects added to ${image.name}`, ...notes].join('; ')}`);
}

/** What a file's import left out, in words: outlines unusable here, shapes that are not objects here. */
function leftOut(decoded: Decoded): string[] {
  const dropped = describeDroppedOutlines(decoded.droppedOutlines ?? {});
  const skipped = Object.entries(decoded.skipped).map(([shape, count]) => `${count} ${shape}`);
  return [...(dropped ? [dropped] : []), ...(skipped.length ? [`not polygons, left out: ${skipped.join(', ')}`] : [])];
}

/** A file of many images (CVAT XML): each image's objects onto the project's image of that name. */
async function importCollectionFile(file: File, formatId: string, task: TaskControl, batch: Batch): Promise<void> {
  const decoded = await decode(file, formatId, task);
  const names = getState().images.map((image) => image.name);
  const unmatched: string[] = [];
  let added = 0;
  for (const decodedImage of decoded.images) {
    const name = matchImageName(decodedImage.name ?? '', names);
    const image = getState().images.find((candidate) => candidate.name === name);
    if (!image) {
      if (decodedImage.objects.length) unmatched.push(decodedImage.name ?? '(unnamed)');
      continue;
    }
    if (image.width !== decodedImage.width || image.height !== decodedImage.height) {
      notify('error', `${file.name}: ${decodedImage.name} is ${decodedImage.width} x ${decodedImage.height} in the file but ${image.width} x ${image.height} in the project; its objects were not imported`);
      continue;
    }
    added += await addImportedObjects(image, decodedImage.objects, file.name, batch);
  }
  const parts = [`${added} objects added`, ...(unmatched.length ? [`no image in the project for ${unmatched.join(', ')}`] : []), ...leftOut(decoded)];
  notify(unmatched.length ? 'error' : 'info', `${file.name}: ${parts.join('; ')}`);
}

/**
 * Reads annotation files onto the project's images, one after another, with progress: per-image
 * files onto the image they were paired with, CVAT images by file name. A file that fails is
 * reported by name and reason and the others go on; a cancel stops before the next file.
 */
export async function importAnnotationFiles(files: AnnotationImport[], task: TaskControl): Promise<void> {
  const batch: Batch = { forAll: null };
  for (const [index, annotation] of files.entries()) {
    const { file, format } = annotation;
    if (task.signal.aborted) return;
    task.report(index, files.length, file.name);
    try {
      if (format.scope === 'image') await importMaskFile(annotation, task, batch);
      else await importCollectionFile(file, format.id, task, batch);
    } catch (error) {
      if (isAbortError(error)) throw error;
      const anyway = error instanceof Error && error.name === MASK_LOOKS_LIKE_PICTURE;
      notify('error', describeFailure(file.name, error), undefined, anyway ? { label: 'Import anyway', run: () => void importAnyway(annotation) } : undefined);
    }
  }
}

/** A mask refused as looking like a picture, imported as the user insists: every colour an object. */
function importAnyway(annotation: AnnotationImport): Promise<unknown> {
  return runTask('bring-in', 'Importing', (task) => importMaskFile(annotation, task, { forAll: null }, true));
}
