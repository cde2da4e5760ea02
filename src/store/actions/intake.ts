import { newId } from '../../core/ids';
import { hasImageExtension } from '../../core/formats/extensions';
import { annotationFilesAmong } from '../../core/interchange/pairing';
import { splitFromPath } from '../../core/maskNames';
import { addImage, deleteTiles, readMeta, writeMeta } from '../../io/db';
import { isTiled } from '../../core/tiledIntake';
import { filesFromDrop, pickedFiles, type IntakeFile } from '../../io/fileIntake';
import type { ImageRecord } from '../../core/project';
import { nextOrder, toRecord } from './newImages';
import { intakeWorkers } from '../../workers/intakeClient';
import type { HashedImage } from '../../workers/intakeProtocol';
import { isAbortError } from '../../workers/rpc';
import { getState, setState } from '../store';
import { importBundles } from './bundles';
import { addImportedObjects, importAnnotationFiles, type AnnotationImport } from './imports';
import { describeFailure, notify } from './notices';
import { openImage } from './project';
import { bringIn, runTask, type TaskControl } from './tasks';
import { announceImagesChanged } from './tabSync';
import { wroteLocally } from './localWrites';

const DEMO_SEEDED_KEY = 'demoSeeded';
/** Files decoded at once: matches the worker pool, so both cores stay busy. */
const CONCURRENCY = 2;

/** Stores a decoded image (a tiled one's tiles are stored already, under `id`) and shows it in the list. */
async function store(image: HashedImage, id: string, order: number, source: File | null, demo: boolean, split?: string): Promise<ImageRecord> {
  const record = { ...toRecord(image, order, demo, split), id };
  const pixels = isTiled(image) ? { id, tiled: image.pyramid, histogram: image.histogram } : { id, display: image.display, original: image.original };
  await addImage(record, pixels, source ? { id, name: source.name, blob: source } : null).catch(async (error) => {
    if (isTiled(image)) await deleteTiles(id).catch(() => {});
    throw error;
  });
  announceImagesChanged();
  // Files decode in parallel and finish in any order; the list keeps the order they were given in.
  setState({ images: [...getState().images, record].sort((a, b) => a.order - b.order) });
  wroteLocally(record.id);
  return record;
}

/** When nothing is open (an empty project), opens the first image in the list. */
async function openFirstIfNoneOpen(): Promise<void> {
  const first = getState().images[0];
  if (!getState().currentId && first) await openImage(first.id);
}

const byName = new Intl.Collator(undefined, { numeric: true }).compare;

/** Sorts what was brought in: images, annotation files (masks, ROI sets, CVAT XML; by name), and files to skip. */
function sortIntake(files: IntakeFile[]) {
  const images: IntakeFile[] = [];
  const annotations: AnnotationImport[] = [];
  const notImages: string[] = [];
  const paired = annotationFilesAmong(files.map((intake) => intake.path));
  for (const [index, intake] of files.entries()) {
    const name = intake.file.name;
    const annotation = paired[index];
    if (annotation) annotations.push({ ...annotation, file: intake.file });
    else if (intake.inFolder && !hasImageExtension(name)) notImages.push(name);
    else images.push(intake);
  }
  return { images, annotations: annotations.sort((a, b) => byName(a.file.name, b.file.name)), notImages };
}

/**
 * Brings files into the project: images first (two at a time, with progress), then annotation
 * files onto their images (`X_objects.png` onto `X.png`, StarDist's `masks/X.tif` onto
 * `images/X.tif`, so a folder of pairs is matched by itself; CVAT XML by image name). A file that fails is reported by name and reason and
 * skipped; the others still come in. Image names already in the project are skipped
 * (re-dropping a folder does not duplicate it), and so are non-image files found inside
 * folders. Both steps can be cancelled from their progress bar. Project bundles (and the app's
 * project ZIPs) among them are imported first (bundles.ts).
 */
export function importFiles(files: IntakeFile[]): Promise<void> {
  return bringIn(async () => {
    // Project bundles first: whole images with their objects, which annotation files may then meet.
    const { images, annotations, notImages } = sortIntake(await importBundles(files));
    if (notImages.length) notify('info', `Skipped ${notImages.length} file(s) that are not images: ${notImages.join(', ')}`);
    if (images.length) await runTask('bring-in', 'Adding', (task) => importImages(images, task));
    await openFirstIfNoneOpen();
    if (annotations.length) await runTask('bring-in', 'Importing', (task) => importAnnotationFiles(annotations, task));
  });
}

/** A drop of files or folders onto the window. */
export async function importDropped(dataTransfer: DataTransfer): Promise<void> {
  await importFiles(await filesFromDrop(dataTransfer));
}

/** Files picked with "Add images", or a whole folder with "Add folder". */
export function importPicked(files: Iterable<File>, fromFolder: boolean): Promise<void> {
  return importFiles(pickedFiles(files, fromFolder));
}

async function importImages(files: IntakeFile[], task: TaskControl): Promise<void> {
  const sorted = [...files].sort((a, b) => byName(a.file.name, b.file.name));
  const firstOrder = nextOrder();
  const queue = sorted.map((intake, index) => ({ ...intake, order: firstOrder + index }));
  const known = new Set(getState().images.map((image) => image.name));
  const total = queue.length;
  let done = 0;
  const skipped: string[] = [];

  async function importOne({ file, path, order }: IntakeFile & { order: number }): Promise<void> {
    if (known.has(file.name)) {
      skipped.push(file.name);
      return;
    }
    known.add(file.name);
    try {
      const id = newId();
      await store(await intakeWorkers.call('file', { file, id }, { signal: task.signal, priority: 'background' }), id, order, file, false, splitFromPath(path));
    } catch (error) {
      if (isAbortError(error)) throw error;
      notify('error', describeFailure(file.name, error));
    }
  }

  async function drain(): Promise<void> {
    for (let next = queue.shift(); next && !task.signal.aborted; next = queue.shift()) {
      task.report(done, total, next.file.name);
      await importOne(next);
      done++;
      task.report(done, total, next.file.name);
    }
  }

  await Promise.all(Array.from({ length: CONCURRENCY }, drain));
  if (skipped.length) notify('info', `Already in the project, not added again: ${skipped.join(', ')}`);
}

/** Adds the generated demo images (nuclei-like pictures made in code; no network). */
export async function loadDemoProject(): Promise<void> {
  try {
    await runTask(
      'bring-in',
      'Adding the demo project',
      async () => {
        for (const { image, objects } of await intakeWorkers.call('demo', null)) {
          const record = await store(image, newId(), nextOrder(), null, true);
          if (objects.length) await addImportedObjects(record, objects.map((rings, i) => ({ rings, z: i + 1 })), 'demo project');
        }
        await writeMeta(DEMO_SEEDED_KEY, true);
      },
      false,
    );
    await openFirstIfNoneOpen();
  } catch (error) {
    notify('error', describeFailure('demo project', error));
  }
}

/** The demo is added on the very first start only; after that the empty project offers it. */
export async function seedDemoOnFirstStart(): Promise<void> {
  if (getState().images.length === 0 && !(await readMeta<boolean>(DEMO_SEEDED_KEY))) await loadDemoProject();
}
