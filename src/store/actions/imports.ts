import { matchImageName } from '../../core/cvat/convert';
import { describeDroppedOutlines } from '../../core/cvat/outline';
import { newId } from '../../core/ids';
import { importFormatOf, maskTargetBase } from '../../core/interchange/registry';
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
 * `X_objects.png` (or a label image) onto the project's image X: each object becomes editable.
 * `force`: also when it looks like an anti-aliased picture (the user said "Import anyway").
 */
async function importMaskFile(file: File, formatId: string, task: TaskControl, batch: Batch, force = false): Promise<void> {
  const base = maskTargetBase(file.name) ?? baseName(file.name);
  const image = imageWithBase(base);
  if (!image) {
    notify('error', `${file.name}: there is no image named ${base} in the project to put these objects on; add the image first (or drop both together)`);
    return;
  }
  const decoded = await decode(file, formatId, task, { width: image.width, height: image.height }, force);
  const added = await addImportedObjects(image, decoded.images[0].objects, file.name, batch);
  const leftOut = leftOutParts(decoded);
  if (added || leftOut.length) notify('info', `${file.name}: ${[`${added} objects added to ${image.name}`, ...leftOut].join('; ')}`);
}

/** What a file held that did not become objects (outlines clipped away or degenerate, shapes that are not polygons). */
function leftOutParts(decoded: Decoded): string[] {
  const parts: string[] = [];
  const dropped = describeDroppedOutlines(decoded.droppedOutlines ?? {});
  if (dropped) parts.push(dropped);
  const skipped = Object.entries(decoded.skipped).map(([shape, count]) => `${count} ${shape}`);
  if (skipped.length) parts.push(`not polygons, left out: ${skipped.join(', ')}`);
  return parts;
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
  const parts = [`${added} objects added`, ...leftOutParts(decoded)];
  if (unmatched.length) parts.push(`no image in the project for ${unmatched.join(', ')}`);
  notify(unmatched.length ? 'error' : 'info', `${file.name}: ${parts.join('; ')}`);
}

/** Whether a file is an annotation file (a mask, CVAT XML) rather than an image. */
export function isAnnotationFile(fileName: string): boolean {
  return importFormatOf(fileName) !== null;
}

/**
 * Reads annotation files onto the project's images, one after another, with progress: masks
 * are paired with their image by name, CVAT images by file name. A file that fails is reported
 * by name and reason and the others go on; a cancel stops before the next file.
 */
export async function importAnnotationFiles(files: File[], task: TaskControl): Promise<void> {
  const batch: Batch = { forAll: null };
  for (const [index, file] of files.entries()) {
    if (task.signal.aborted) return;
    task.report(index, files.length, file.name);
    const format = importFormatOf(file.name)!;
    try {
      if (format.scope === 'image') await importMaskFile(file, format.id, task, batch);
      else await importCollectionFile(file, format.id, task, batch);
    } catch (error) {
      if (isAbortError(error)) throw error;
      const anyway = error instanceof Error && error.name === MASK_LOOKS_LIKE_PICTURE;
      notify('error', describeFailure(file.name, error), undefined, anyway ? { label: 'Import anyway', run: () => void importAnyway(file, format.id) } : undefined);
    }
  }
}

/** A mask refused as looking like a picture, imported as the user insists: every colour an object. */
function importAnyway(file: File, formatId: string): Promise<unknown> {
  return runTask('bring-in', 'Importing', (task) => importMaskFile(file, formatId, task, { forAll: null }, true));
}
