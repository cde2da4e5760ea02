import { matchImageName } from '../../core/cvat/convert';
import { newId } from '../../core/ids';
import { importFormatOf, maskTargetBase } from '../../core/interchange/registry';
import type { InterchangeObject } from '../../core/interchange/types';
import { byZ, NUCLEUS_LABEL, type AnnotationObject } from '../../core/objects';
import { baseName } from '../../core/paths';
import type { ImageRecord } from '../../core/project';
import { loadObjects } from '../../io/db';
import { masksWorkers } from '../../workers/masksClient';
import { isAbortError } from '../../workers/rpc';
import { getState } from '../store';
import { whenObjectsLoaded } from './annotations';
import { describeFailure, notify } from './notices';
import { applyObjectChanges } from './objectChanges';
import type { TaskControl } from './tasks';

/**
 * Puts objects read from a file onto an image that has none yet, keeping their order, through
 * the change pipeline (source "import"; loading data is not an undoable step).
 */
async function addImportedObjects(image: ImageRecord, shapes: readonly InterchangeObject[], source: string): Promise<number> {
  if (getState().currentId === image.id) await whenObjectsLoaded();
  const open = getState().objectsImageId === image.id;
  const existing = open ? getState().objects.size : (await loadObjects(image.id)).length;
  // Dropping the same folder again must not stack a second copy of every object.
  if (existing > 0) {
    notify('info', `${source}: ${image.name} already has ${existing} objects, so nothing was imported onto it (delete them first to import again)`);
    return 0;
  }
  const now = Date.now();
  const author = getState().user.name;
  const created: AnnotationObject[] = byZ(shapes).map((shape, i) => ({
    id: newId(),
    version: 0,
    rings: shape.rings.map((ring) => [...ring]),
    z: i + 1,
    label: NUCLEUS_LABEL,
    ...(shape.note ? { note: shape.note } : {}),
    createdAt: now,
    updatedAt: now,
    author,
  }));
  const changes = created.map((object) => ({ id: object.id, before: null, after: object }));
  return applyObjectChanges(changes, { source: 'import', history: 'skip', imageId: image.id }) ? created.length : 0;
}

function imageWithBase(base: string): ImageRecord | undefined {
  return getState().images.find((image) => baseName(image.name) === base);
}

async function decode(file: File, formatId: string, task: TaskControl, expected?: { width: number; height: number }) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return masksWorkers.call('decode', { formatId, fileName: file.name, bytes, expected }, { transfer: [bytes.buffer as ArrayBuffer], signal: task.signal, priority: 'background' });
}

/** `X_objects.png` (or a label image) onto the project's image X: each object becomes editable. */
async function importMaskFile(file: File, formatId: string, task: TaskControl): Promise<void> {
  const base = maskTargetBase(file.name) ?? baseName(file.name);
  const image = imageWithBase(base);
  if (!image) {
    notify('error', `${file.name}: there is no image named ${base} in the project to put these objects on; add the image first (or drop both together)`);
    return;
  }
  const decoded = await decode(file, formatId, task, { width: image.width, height: image.height });
  const added = await addImportedObjects(image, decoded.images[0].objects, file.name);
  if (added) notify('info', `${file.name}: ${added} objects added to ${image.name}`);
}

/** A file of many images (CVAT XML): each image's objects onto the project's image of that name. */
async function importCollectionFile(file: File, formatId: string, task: TaskControl): Promise<void> {
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
    added += await addImportedObjects(image, decodedImage.objects, file.name);
  }
  const skipped = Object.entries(decoded.skipped).map(([shape, count]) => `${count} ${shape}`);
  const parts = [`${added} objects added`];
  if (unmatched.length) parts.push(`no image in the project for ${unmatched.join(', ')}`);
  if (skipped.length) parts.push(`not polygons, left out: ${skipped.join(', ')}`);
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
  for (const [index, file] of files.entries()) {
    if (task.signal.aborted) return;
    task.report(index, files.length, file.name);
    const format = importFormatOf(file.name)!;
    try {
      if (format.scope === 'image') await importMaskFile(file, format.id, task);
      else await importCollectionFile(file, format.id, task);
    } catch (error) {
      if (isAbortError(error)) throw error;
      notify('error', describeFailure(file.name, error));
    }
  }
}
