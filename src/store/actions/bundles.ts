/**
 * The project bundle (core/bundle): export of the project or the selected images, and import of
 * a dropped or picked bundle. Both run in the masks worker, which streams the archive (export)
 * or reads it piece by piece from the File (import). An import is checked whole before anything
 * is stored, then applied one image at a time, each in one transaction: an image the project
 * has (by content hash) is merged (core/bundle/merge.ts), a new one is decoded by the intake
 * worker like any file and added whole. A cancel stops between images, so each is whole.
 */
import { mergeBundleImage, mergeChanges, versionKeys, type BundleConflict } from '../../core/bundle/merge';
import type { BundleImage } from '../../core/bundle/format';
import { BUNDLE_LIMITS } from '../../core/bundle/validate';
import { importFormatOf } from '../../core/interchange/registry';
import { baseName } from '../../core/paths';
import type { ImageRecord } from '../../core/project';
import { browserId, loadStoredImage, receivedKey, writeBundleImage } from '../../io/bundleDb';
import { downloadBlob } from '../../io/downloads';
import type { IntakeFile } from '../../io/fileIntake';
import { sha256Hex } from '../../io/sha256';
import { intakeWorkers } from '../../workers/intakeClient';
import type { PreparedImage } from '../../core/intake';
import { isTiled } from '../../core/tiledIntake';
import { newId } from '../../core/ids';
import { deleteTiles } from '../../io/db';
import { masksWorkers } from '../../workers/masksClient';
import type { BundleSourceRef, ReadBundle } from '../../workers/masksProtocol';
import { abortError, isAbortError } from '../../workers/rpc';
import { getState, patchImage, setState, type Conflict } from '../store';
import { flushSaves } from './autosave';
import { conflictRecord, showConflicts } from './conflicts';
import { loadReferenceLayers } from './layers';
import { describeFailure, notify } from './notices';
import { applyObjectChanges } from './objectChanges';
import { loadReview } from './review';
import { announceImagesChanged, announceSaved } from './tabSync';
import { bringInFinished, runTask, type TaskControl } from './tasks';
import { forgetStepsOn } from './undoHistory';
import { wroteLocally } from './localWrites';
import { ensureContentHash, nextOrder, toRecord } from './newImages';

const BUNDLE_FILE = 'nuclei-project-bundle.zip';
/** A merge is redone when the user saved one of its objects meanwhile; this often at most. */
const MERGE_ATTEMPTS = 5;

/**
 * Downloads a bundle of the whole project, or of the images selected in the list (the open one
 * when none is selected), made in the masks worker from storage one image at a time.
 */
export async function exportBundle(scope: 'project' | 'selected'): Promise<void> {
  await bringInFinished('The bundle is made once the images and annotations being brought in are all in.');
  await flushSaves();
  const { images, imageSelection, currentId, user } = getState();
  const chosen = new Set(imageSelection.length ? imageSelection : currentId ? [currentId] : []);
  // In list order, as the whole project's bundle has them.
  const imageIds = scope === 'project' ? null : images.filter((image) => chosen.has(image.id)).map((image) => image.id);
  const parts: Blob[] = [];
  try {
    await runTask('export', 'Exporting bundle', async (task) => {
      const manifest = await masksWorkers.call('bundle-export', { imageIds, createdBy: user.name }, {
        signal: task.signal,
        priority: 'background',
        // Each chunk becomes a Blob at once, which the browser may keep on disk instead of in memory.
        onProgress: (progress) => ('chunk' in progress ? parts.push(new Blob([progress.chunk as BlobPart])) : task.report(progress.done, progress.total, progress.current)),
      });
      downloadBlob(new Blob(parts, { type: 'application/zip' }), BUNDLE_FILE);
      notify('info', `${BUNDLE_FILE}: ${manifest.images.length} ${manifest.images.length === 1 ? 'image' : 'images'} in the bundle`);
    });
  } catch (error) {
    notify('error', describeFailure(BUNDLE_FILE, error));
  }
}

/** Could be a bundle: a ZIP (by its first bytes, whatever its name) that no annotation format claims by its name (ROI sets, Zarr stores). */
async function mayBeBundle({ file }: IntakeFile): Promise<boolean> {
  if (importFormatOf(file.name) || file.size < 22) return false;
  const magic = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 3 && magic[3] === 4;
}

/**
 * Imports the bundles among `files` (ZIPs with a manifest, or the app's project ZIPs) and
 * returns the other files, for their usual handling.
 */
export async function importBundles(files: IntakeFile[]): Promise<IntakeFile[]> {
  const rest: IntakeFile[] = [];
  for (const intake of files) {
    if (!(await mayBeBundle(intake))) {
      rest.push(intake);
      continue;
    }
    try {
      const isBundle = await runTask('bring-in', 'Importing bundle', (task) => importBundle(intake.file, task));
      if (isBundle === false) rest.push(intake);
    } catch (error) {
      notify('error', describeFailure(intake.file.name, error));
    }
  }
  return rest;
}

interface Tally {
  added: number;
  merged: number;
  unchanged: number;
  conflicts: number;
  failed: number;
}

/** Reads the file as a bundle (false: it is not one) and applies it image by image. */
async function importBundle(file: File, task: TaskControl): Promise<boolean> {
  const read = await masksWorkers.call('bundle-read', { file, now: Date.now() }, { signal: task.signal, priority: 'background', onProgress: (p) => task.report(p.done, p.total, `reading ${p.current}`) });
  if (!read) return false;
  await flushSaves();
  const context = { file, read, task, self: await browserId(), byHash: await imagesByHash() };
  const tally: Tally = { added: 0, merged: 0, unchanged: 0, conflicts: 0, failed: 0 };
  const total = read.images.length;
  for (let i = 0; i < total && !task.signal.aborted; i++) {
    const name = read.manifest.images[i].name;
    task.report(i, total, name);
    try {
      await importImage(context, i, tally);
    } catch (error) {
      if (isAbortError(error) && task.signal.aborted) break;
      if (isAbortError(error)) throw error;
      tally.failed++;
      notify('error', describeFailure(`${file.name}: ${name}`, error));
    }
  }
  if (tally.added) announceImagesChanged();
  const parts = [`${tally.added} ${tally.added === 1 ? 'image' : 'images'} added`, `${tally.merged} merged`, `${tally.unchanged} already up to date`, `${tally.conflicts} ${tally.conflicts === 1 ? 'conflict' : 'conflicts'}`];
  if (tally.failed) parts.push(`${tally.failed} not imported`);
  if (task.signal.aborted) {
    // Each image is whole or absent: say how far it got; the task then says it was cancelled.
    notify('info', `${file.name}: stopped after ${parts.join(', ')}`);
    throw abortError();
  }
  notify(tally.failed ? 'error' : 'info', `${file.name} (bundle version ${read.version}): ${parts.join(', ')}`);
  return true;
}

/** The project's images by content hash (hashes computed now for images stored before they existed). */
async function imagesByHash(): Promise<Map<string, ImageRecord>> {
  const byHash = new Map<string, ImageRecord>();
  for (const image of getState().images) {
    const contentHash = await ensureContentHash(image);
    if (!byHash.has(contentHash)) byHash.set(contentHash, { ...image, contentHash });
  }
  return byHash;
}

interface ImportContext {
  file: File;
  read: ReadBundle;
  task: TaskControl;
  /** This browser's id: the bundle's `received` entry under it is the merge's base. */
  self: string;
  byHash: Map<string, ImageRecord>;
}

async function importImage(context: ImportContext, i: number, tally: Tally): Promise<void> {
  const { read, byHash } = context;
  const listed = read.manifest.images[i];
  const incoming = read.images[i];
  const ref = read.sources[i];
  let decoded: Awaited<ReturnType<typeof decodeSource>> | null = null;
  let hash = listed.contentHash;
  if (hash === null && ref) {
    // A project ZIP (version 0) knows no hashes: the image's file tells.
    decoded = await decodeSource(context, ref);
    hash = decoded.contentHash;
  }
  // A project ZIP without images holds nothing to recognize an image by but its name (its
  // base name where review.json does not give the whole name, as masks pair with images).
  const existing = hash !== null ? byHash.get(hash) : getState().images.find((image) => image.name === listed.name || baseName(image.name) === listed.name);
  if (existing) {
    const conflicts = await mergeImage(context, existing.id, incoming);
    if (conflicts === null) tally.unchanged++;
    else {
      tally.merged++;
      tally.conflicts += conflicts;
    }
    return;
  }
  if (!ref || hash === null) throw new Error(`the bundle holds no file of this image and the project has no image ${listed.name}`);
  const added = await addImage(context, incoming, ref, hash, decoded ?? (await decodeSource(context, ref)));
  byHash.set(hash, added);
  tally.added++;
}

/** The image's file from the bundle, decoded by the intake worker like any file brought in; and the file, to store. */
async function decodeSource({ file, task }: ImportContext, ref: BundleSourceRef): Promise<PreparedImage & { contentHash: string; file: File }> {
  const options = { signal: task.signal, priority: 'background' as const };
  const bytes =
    ref.method === 0
      ? file.slice(ref.offset, ref.offset + ref.length) // stored as is: handed on without reading it here
      : await masksWorkers.call('bundle-entry', { file, entry: ref.entry, maxBytes: BUNDLE_LIMITS.sourceBytes }, options);
  const source = new File([bytes as BlobPart], ref.name);
  const id = newId();
  const decoded = await intakeWorkers.call('file', { file: source, id }, options);
  if (isTiled(decoded)) {
    await deleteTiles(id);
    throw new Error(`its image is ${decoded.width} x ${decoded.height}: images larger than a canvas are not carried by bundles yet`);
  }
  return { ...decoded, file: source };
}

/** Adds an image the project does not have: its record as the bundle has it, pixels from its file, everything else whole. */
async function addImage({ read }: ImportContext, incoming: BundleImage, ref: BundleSourceRef, hash: string, decoded: PreparedImage & { contentHash: string; file: File }): Promise<ImageRecord> {
  // A demo image's file is its pixels: the hash is of those, not of the PNG.
  const actual = ref.kind === 'pixels-png' ? await sha256Hex(decoded.display.data) : decoded.contentHash;
  if (actual !== hash) throw new Error('its file does not match its content hash (the bundle is damaged)');
  const { record: portable } = incoming;
  if ((portable.width ?? decoded.width) !== decoded.width || (portable.height ?? decoded.height) !== decoded.height) {
    throw new Error(`the bundle says ${portable.width} x ${portable.height} but its file is ${decoded.width} x ${decoded.height}`);
  }
  const idTaken = !portable.id || getState().images.some((image) => image.id === portable.id);
  const base = toRecord(decoded, nextOrder(), portable.demo ?? false, portable.split);
  const record: ImageRecord = {
    ...base,
    ...(idTaken ? {} : { id: portable.id }),
    name: portable.name,
    contentHash: hash,
    format: portable.format ?? base.format,
    addedAt: portable.addedAt ?? base.addedAt,
    display: portable.display ?? base.display,
    status: portable.status,
    statusHistory: portable.statusHistory,
  };
  const imageId = record.id;
  const objectCount = await writeBundleImage({
    record,
    added: {
      pixels: { id: imageId, display: decoded.display, original: decoded.original },
      source: ref.kind === 'original' ? { id: imageId, name: ref.name, blob: decoded.file } : null,
    },
    objects: incoming.objects,
    removed: [],
    expected: new Map(),
    submissions: incoming.submissions.map((submission) => ({ ...submission, imageId })),
    issues: incoming.issues.map((issue) => ({ ...issue, imageId })),
    layers: incoming.layers.map((layer) => ({ ...layer, imageId })),
    meta: read.manifest.createdIn ? [{ key: receivedKey(imageId), value: { [read.manifest.createdIn]: versionKeys(incoming.objects) } }] : [],
  });
  const stored = { ...record, objectCount: objectCount ?? incoming.objects.length };
  setState({ images: [...getState().images, stored].sort((a, b) => a.order - b.order) });
  wroteLocally(imageId);
  return stored;
}

/**
 * Merges the bundle's image into the stored one; returns the number of conflicts, or null when
 * nothing changed. Merged again when the user saved a change to one of its objects meanwhile.
 */
async function mergeImage({ file, read, self }: ImportContext, imageId: string, incoming: BundleImage): Promise<number | null> {
  for (let attempt = 1; ; attempt++) {
    if (attempt > MERGE_ATTEMPTS) throw new Error(`its objects kept changing while it was merged (${MERGE_ATTEMPTS} attempts); import it again`);
    await flushSaves();
    const stored = await loadStoredImage(imageId);
    if (!stored) throw new Error('the image was removed while the bundle was imported');
    const base = incoming.received[self] ?? null;
    // A project ZIP's objects are traced afresh, with new ids: like a dropped mask, they come
    // in only onto an image without objects, or every import would add them again.
    const objects = read.version === 0 && stored.objects.length ? stored.objects : incoming.objects;
    const merge = mergeBundleImage(stored, { ...incoming, objects }, { fileName: file.name, user: getState().user.name, now: Date.now(), base });
    const received = read.manifest.createdIn ? { ...stored.received, [read.manifest.createdIn]: versionKeys(incoming.objects) } : stored.received;
    const conflicts = merge.conflicts.map((conflict) => toConflict(imageId, conflict, file.name));
    const changed = mergeChanges(stored, merge);
    const storedById = new Map(stored.objects.map((object) => [object.id, object]));
    const expected = new Map([...merge.objects.map((object) => object.id), ...merge.removed].map((id) => [id, storedById.get(id)?.version ?? null]));
    const objectCount = await writeBundleImage({
      record: merge.record,
      objects: merge.objects,
      removed: merge.removed,
      expected,
      submissions: merge.submissions,
      issues: merge.issues,
      layers: merge.layers,
      meta: [{ key: receivedKey(imageId), value: received }, ...conflicts.map(conflictRecord)],
    });
    if (objectCount === null) continue;
    wroteLocally(imageId);
    showMerged(imageId, { ...merge.record, objectCount }, [...merge.objects.map((object) => ({ id: object.id, after: object })), ...merge.removed.map((id) => ({ id, after: null }))], storedById);
    if (conflicts.length) showConflicts(imageId, conflicts, `${conflicts.length === 1 ? 'an object' : `${conflicts.length} objects`} changed here and in ${file.name}`);
    return changed ? conflicts.length : null;
  }
}

/** The bundle's conflict as the conflict bar holds it: the kept version is stored, the other (this project's or the bundle's) set aside. */
function toConflict(imageId: string, { id, mine, theirs, kept }: BundleConflict, fileName: string): Conflict {
  return { imageId, id, origin: 'bundle', bundle: { fileName, kept }, ...(kept === 'mine' ? { stored: mine, setAside: theirs } : { stored: theirs, setAside: mine }) };
}

/** After a merge is stored: the list, the open image (as a remote change: not an undo step) and the other tabs see it. */
function showMerged(imageId: string, record: ImageRecord, writes: Array<{ id: string; after: BundleImage['objects'][number] | null }>, stored: Map<string, BundleImage['objects'][number]>): void {
  patchImage(imageId, record);
  announceSaved(imageId, writes.map(({ id, after }) => ({ id, base: stored.get(id)?.version ?? null, after })), record.objectCount);
  forgetStepsOn(imageId, writes.map((write) => write.id));
  if (getState().objectsImageId === imageId) {
    const shown = getState().objects;
    applyObjectChanges(writes.map(({ id, after }) => ({ id, before: shown.get(id) ?? null, after })), { source: 'remote', history: 'skip', imageId });
  }
  if (getState().currentId === imageId) void Promise.all([loadReview(imageId), loadReferenceLayers(imageId)]);
}
