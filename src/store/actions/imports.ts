import { matchImageName, objectsFromCvatImage } from '../../core/cvat/convert';
import { parseCvatXml } from '../../core/cvat/cvatXml';
import { newId } from '../../core/ids';
import { maskTargetBase } from '../../core/maskNames';
import { byZ, NUCLEUS_LABEL, type AnnotationObject, type Ring } from '../../core/objects';
import { baseName } from '../../core/paths';
import { loadObjects, saveObjectChanges } from '../../io/db';
import type { ImageRecord } from '../../io/schema';
import { importMaskInWorker } from '../../workers/masksClient';
import { getState, patchImage } from '../store';
import { loadAnnotations } from './annotations';
import { allowEdit } from './review';
import { flushSaves } from './autosave';
import { scheduleMaskRefresh } from './maskRefresh';
import { describeFailure, notify } from './notices';
import { trackSave } from './saving';

interface ImportedShape {
  rings: Ring[];
  z: number;
  note?: string;
}

/**
 * Puts objects read from a file onto an image that has none yet, keeping their order.
 * Loading data is not an undoable step: they are written straight to storage and, when the
 * image is open, shown by reloading its objects.
 */
async function addImportedObjects(image: ImageRecord, shapes: ImportedShape[], source: string): Promise<number> {
  await flushSaves();
  const existing = await loadObjects(image.id);
  // Dropping the same folder again must not stack a second copy of every object.
  if (existing.length > 0) {
    notify('info', `${source}: ${image.name} already has ${existing.length} objects, so nothing was imported onto it (delete them first to import again)`);
    return 0;
  }
  if (!allowEdit(image.id)) return 0;
  const now = Date.now();
  const author = getState().user.name;
  const created: AnnotationObject[] = byZ(shapes).map((shape, i) => ({
    id: newId(),
    rings: shape.rings,
    z: i + 1,
    label: NUCLEUS_LABEL,
    ...(shape.note ? { note: shape.note } : {}),
    createdAt: now,
    updatedAt: now,
    author,
  }));
  const count = created.length;
  if (!(await trackSave(saveObjectChanges(image.id, created, [], count), `${image.name}: imported objects not saved`))) return 0;
  patchImage(image.id, { objectCount: count });
  if (getState().currentId === image.id) await loadAnnotations(image.id);
  scheduleMaskRefresh(image.id);
  return created.length;
}

function imageWithBase(base: string): ImageRecord | undefined {
  return getState().images.find((image) => baseName(image.name) === base);
}

/** `X_objects.png` (or a label image) onto the project's image X: each object becomes editable. */
export async function importMaskFile(file: File): Promise<void> {
  const base = maskTargetBase(file.name) ?? baseName(file.name);
  const image = imageWithBase(base);
  if (!image) {
    notify('error', `${file.name}: there is no image named ${base} in the project to put these objects on; add the image first (or drop both together)`);
    return;
  }
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const mask = await importMaskInWorker({ fileName: file.name, bytes, expected: { width: image.width, height: image.height } });
    const added = await addImportedObjects(image, mask.objects, file.name);
    if (added) notify('info', `${file.name}: ${added} objects added to ${image.name}`);
  } catch (error) {
    notify('error', describeFailure(file.name, error));
  }
}

/** CVAT for images 1.1 XML: polygons onto the project's images, matched by file name. */
export async function importCvatFile(file: File): Promise<void> {
  try {
    const annotations = parseCvatXml(file.name, await file.text());
    const names = getState().images.map((image) => image.name);
    const unmatched: string[] = [];
    let added = 0;
    for (const cvatImage of annotations.images) {
      const name = matchImageName(cvatImage.name, names);
      const image = getState().images.find((candidate) => candidate.name === name);
      if (!image) {
        if (cvatImage.polygons.length) unmatched.push(cvatImage.name);
        continue;
      }
      if (image.width !== cvatImage.width || image.height !== cvatImage.height) {
        notify('error', `${file.name}: ${cvatImage.name} is ${cvatImage.width} x ${cvatImage.height} in the file but ${image.width} x ${image.height} in the project; its polygons were not imported`);
        continue;
      }
      added += await addImportedObjects(image, objectsFromCvatImage(cvatImage), file.name);
    }
    const skipped = Object.entries(annotations.skipped).map(([shape, count]) => `${count} ${shape}`);
    const parts = [`${added} objects added`];
    if (unmatched.length) parts.push(`no image in the project for ${unmatched.join(', ')}`);
    if (skipped.length) parts.push(`not polygons, left out: ${skipped.join(', ')}`);
    notify(unmatched.length ? 'error' : 'info', `${file.name}: ${parts.join('; ')}`);
  } catch (error) {
    notify('error', describeFailure(file.name, error));
  }
}
