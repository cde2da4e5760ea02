import { defaultDisplay } from '../../core/display';
import { newId } from '../../core/ids';
import type { PreparedImage } from '../../core/intake';
import { hasImageExtension } from '../../core/formats/extensions';
import { maskTargetBase, splitFromPath } from '../../core/maskNames';
import { addImage, readMeta, writeMeta } from '../../io/db';
import type { IntakeFile } from '../../io/fileIntake';
import type { ImageRecord } from '../../io/schema';
import { generateDemoInWorker, prepareFileInWorker } from '../../workers/intakeClient';
import { getState, setState } from '../store';
import { importCvatFile, importMaskFile } from './imports';
import { describeFailure, notify } from './notices';
import { openImage } from './project';

const DEMO_SEEDED_KEY = 'demoSeeded';
/** Files decoded at once: matches the worker pool, so both cores stay busy. */
const CONCURRENCY = 2;

/** The list position after every image in the project. */
function nextOrder(): number {
  return getState().images.reduce((max, existing) => Math.max(max, existing.order), 0) + 1;
}

function toRecord(image: PreparedImage, order: number, demo: boolean, split?: string): ImageRecord {
  return {
    id: newId(),
    name: image.name,
    format: image.format,
    width: image.width,
    height: image.height,
    channels: image.channels,
    sourceBitDepth: image.sourceBitDepth,
    normalization: image.normalization,
    cellomics: image.cellomics,
    thumbnail: image.thumbnail,
    order,
    addedAt: Date.now(),
    demo,
    display: defaultDisplay(image.normalization ?? { low: 0, high: 255 }),
    objectCount: 0,
    ...(split ? { split } : {}),
    status: 'new',
    statusHistory: [],
  };
}

/** Stores a decoded image and shows it in the list. */
async function store(image: PreparedImage, order: number, source: File | null, demo: boolean, split?: string): Promise<void> {
  const record = toRecord(image, order, demo, split);
  await addImage(
    record,
    { id: record.id, display: image.display, original: image.original },
    source ? { id: record.id, name: source.name, blob: source } : null,
  );
  // Files decode in parallel and finish in any order; the list keeps the order they were given in.
  setState({ images: [...getState().images, record].sort((a, b) => a.order - b.order) });
}

/** When nothing is open (an empty project), opens the first image in the list. */
async function openFirstIfNoneOpen(): Promise<void> {
  const first = getState().images[0];
  if (!getState().currentId && first) await openImage(first.id);
}

const byName = new Intl.Collator(undefined, { numeric: true }).compare;

/** Sorts what was brought in: images, mask files (by name), CVAT XML, and files to skip. */
function sortIntake(files: IntakeFile[]) {
  const images: IntakeFile[] = [];
  const masks: File[] = [];
  const annotations: File[] = [];
  const notImages: string[] = [];
  for (const intake of files) {
    const name = intake.file.name;
    if (maskTargetBase(name) !== null) masks.push(intake.file);
    else if (name.toLowerCase().endsWith('.xml')) annotations.push(intake.file);
    else if (intake.inFolder && !hasImageExtension(name)) notImages.push(name);
    else images.push(intake);
  }
  return { images, masks, annotations, notImages };
}

/**
 * Brings files into the project: images first (two at a time, with progress), then mask files
 * onto their images (`X_objects.png` onto `X.png`, so a folder of pairs is matched by itself),
 * then CVAT XML. A file that fails is reported by name and reason and skipped; the others still
 * come in. Image names already in the project are skipped (re-dropping a folder does not
 * duplicate it), and so are non-image files found inside folders.
 */
export async function importFiles(files: IntakeFile[]): Promise<void> {
  const { images, masks, annotations, notImages } = sortIntake(files);
  if (notImages.length) notify('info', `Skipped ${notImages.length} file(s) that are not images: ${notImages.join(', ')}`);
  await importImages(images);
  for (const mask of masks.sort((a, b) => byName(a.name, b.name))) await importMaskFile(mask);
  for (const xml of annotations) await importCvatFile(xml);
}

async function importImages(files: IntakeFile[]): Promise<void> {
  const sorted = [...files].sort((a, b) => byName(a.file.name, b.file.name));
  if (sorted.length === 0) return;
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
      await store(await prepareFileInWorker(file), order, file, false, splitFromPath(path));
    } catch (error) {
      notify('error', describeFailure(file.name, error));
    }
  }

  async function drain(): Promise<void> {
    for (let next = queue.shift(); next; next = queue.shift()) {
      setState({ progress: { verb: 'Adding', done, total, current: next.file.name } });
      await importOne(next);
      done++;
      setState({ progress: { verb: 'Adding', done, total, current: next.file.name } });
    }
  }

  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, drain));
  } finally {
    setState({ progress: null });
  }
  await openFirstIfNoneOpen();
  if (skipped.length) notify('info', `Already in the project, not added again: ${skipped.join(', ')}`);
}

/** Adds the generated demo images (nuclei-like pictures made in code; no network). */
export async function loadDemoProject(): Promise<void> {
  setState({ progress: { verb: 'Adding', done: 0, total: 1, current: 'demo project' } });
  try {
    for (const image of await generateDemoInWorker()) await store(image, nextOrder(), null, true);
    await writeMeta(DEMO_SEEDED_KEY, true);
    await openFirstIfNoneOpen();
  } catch (error) {
    notify('error', describeFailure('demo project', error));
  } finally {
    setState({ progress: null });
  }
}

/** The demo is added on the very first start only; after that the empty project offers it. */
export async function seedDemoOnFirstStart(): Promise<void> {
  if (getState().images.length === 0 && !(await readMeta<boolean>(DEMO_SEEDED_KEY))) await loadDemoProject();
}
