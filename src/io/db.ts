import { openDB, type IDBPDatabase, type IDBPObjectStore, type StoreNames } from 'idb';
import type { AnnotationObject } from '../core/objects';
import type { ImageRecord, Proposal, ReferenceLayer, SnapshotRecord } from '../core/project';
import { DB_NAME, type AnnotatorDB, type IssueRecord, type PixelsRecord, type SourceRecord, type StoredPixels, type StoredRaster } from './schema';
import type { Tile, TileSamples } from '../core/tiles';
import type { Raster16, Raster8 } from '../core/raster';
import { DB_VERSION, runMigrations } from './migrations';

let connection: Promise<IDBPDatabase<AnnotatorDB>> | null = null;

/** The one shared connection; opening runs any pending migrations. */
export function database(): Promise<IDBPDatabase<AnnotatorDB>> {
  connection ??= openDB<AnnotatorDB>(DB_NAME, DB_VERSION, {
    // A failing step aborts the whole upgrade: the database stays at its old version, intact.
    upgrade: (db, oldVersion, _newVersion, tx) => {
      runMigrations(db, oldVersion, tx).catch(() => tx.abort());
    },
    blocking: () => {
      // A newer version of the app was opened in another tab: let it upgrade.
      void connection?.then((db) => db.close());
      connection = null;
    },
  });
  return connection;
}

/** All image records in list order. */
export async function loadImageRecords(): Promise<ImageRecord[]> {
  return (await database()).getAllFromIndex('images', 'order');
}

/**
 * Stores a new image's metadata, pixels and source bytes in one transaction (all or nothing).
 * A tiled image's tiles are stored before (`putTiles`, band by band while it is decoded): this
 * transaction is what makes the image exist; without it the tiles are removed (`deleteTiles`).
 */
export async function addImage(image: ImageRecord, pixels: PixelsRecord, source: SourceRecord | null): Promise<void> {
  const tx = (await database()).transaction(['images', 'pixels', 'sources'], 'readwrite');
  const stored: StoredPixels = pixels.tiled ? pixels : { id: pixels.id, display: storedRaster(pixels.display), original: pixels.original && storedRaster(pixels.original) };
  await Promise.all([tx.objectStore('images').add(image), tx.objectStore('pixels').add(stored), source ? tx.objectStore('sources').add(source) : null, tx.done]);
}

/** Stores tiles of an image being brought in, in one transaction. */
export async function putTiles(imageId: string, tiles: Tile[]): Promise<void> {
  const tx = (await database()).transaction('tiles', 'readwrite');
  await Promise.all([...tiles.map(({ level, index, data }) => tx.store.put({ imageId, level, index, data })), tx.done]);
}

/** One tile's samples, or undefined when it is not stored. */
export async function loadTile(imageId: string, level: number, index: number): Promise<TileSamples | undefined> {
  return (await (await database()).get('tiles', [imageId, level, index]))?.data;
}

/** Removes the tiles of an image that did not come in (its intake failed or was cancelled). */
export async function deleteTiles(imageId: string): Promise<void> {
  await (await database()).delete('tiles', keysOfImage(imageId));
}

export async function loadPixels(id: string): Promise<PixelsRecord | undefined> {
  const stored = await (await database()).get('pixels', id);
  if (!stored) return undefined;
  if (stored.tiled) return stored;
  const [display, original] = await Promise.all([
    loadedRaster(stored.display, (buffer) => new Uint8Array(buffer)),
    stored.original && loadedRaster(stored.original, (buffer) => new Uint16Array(buffer)),
  ]);
  return { id, display, original };
}

/**
 * IndexedDB refuses a value whose serialized form is over about 127 MB (Chromium's limit);
 * sample data above this size is stored as a Blob, which the browser keeps outside the record.
 */
const INLINE_PIXEL_BYTES = 64 * 2 ** 20;

export function storedRaster<R extends Raster8 | Raster16>(raster: R): StoredRaster<R> {
  return raster.data.byteLength > INLINE_PIXEL_BYTES ? { ...raster, data: new Blob([raster.data as Uint8Array<ArrayBuffer>]) } : raster;
}

async function loadedRaster<R extends Raster8 | Raster16>(raster: StoredRaster<R>, view: (buffer: ArrayBuffer) => R['data']): Promise<R> {
  return { ...raster, data: raster.data instanceof Blob ? view(await raster.data.arrayBuffer()) : raster.data } as R;
}

/**
 * Writes an image's metadata. Its object count is kept as stored: only a save of its objects
 * sets it, so a tab's stale figure never overwrites the true one.
 */
export async function updateImageRecord(image: ImageRecord): Promise<void> {
  const tx = (await database()).transaction('images', 'readwrite');
  await Promise.all([putKeepingCount(tx.objectStore('images'), image), tx.done]);
}

async function putKeepingCount(images: IDBPObjectStore<AnnotatorDB, ArrayLike<StoreNames<AnnotatorDB>>, 'images', 'readwrite'>, image: ImageRecord): Promise<void> {
  const stored = await images.get(image.id);
  await images.put(stored ? { ...image, objectCount: stored.objectCount } : image);
}

/** All [imageId, …] keys of one image (objects, snapshots, tiles): arrays sort after strings and numbers, so [id, []] is an upper bound. */
export const keysOfImage = (imageId: string) => IDBKeyRange.bound([imageId], [imageId, []]);

/** Removes images and everything stored for them (with their `metaKeys`), in one transaction. */
export async function deleteImages(ids: string[], metaKeys: string[] = []): Promise<void> {
  const tx = (await database()).transaction(['images', 'pixels', 'sources', 'objects', 'snapshots', 'issues', 'meta', 'layers', 'proposals', 'tiles'], 'readwrite');
  const stores = [tx.objectStore('images'), tx.objectStore('pixels'), tx.objectStore('sources')];
  const objects = tx.objectStore('objects');
  const snapshots = tx.objectStore('snapshots');
  const issues = tx.objectStore('issues');
  const issueKeys = (await Promise.all(ids.map((id) => issues.index('imageId').getAllKeys(id)))).flat();
  await Promise.all([
    ...ids.flatMap((id) => [...stores.map((store) => store.delete(id)), objects.delete(keysOfImage(id)), snapshots.delete(keysOfImage(id)), tx.objectStore('layers').delete(keysOfImage(id)), tx.objectStore('proposals').delete(keysOfImage(id)), tx.objectStore('tiles').delete(keysOfImage(id))]),
    ...issueKeys.map((key) => issues.delete(key)),
    ...metaKeys.map((key) => tx.objectStore('meta').delete(key)),
    tx.done,
  ]);
}

/** The objects of one image (any order; the caller sorts by z). */
export async function loadObjects(imageId: string): Promise<AnnotationObject[]> {
  return (await (await database()).getAll('objects', keysOfImage(imageId))).map(withoutImageId);
}

/** A write of one object (null = removal), valid only while the stored version is still `base` (null = absent). */
export interface ObjectWrite {
  id: string;
  base: number | null;
  after: AnnotationObject | null;
}

/** What a save did: the writes made, those refused because the object changed meanwhile, and the stored count. */
export interface SaveOutcome {
  written: ObjectWrite[];
  conflicts: Array<{ write: ObjectWrite; stored: AnnotationObject | null }>;
  objectCount: number;
}

/**
 * Writes changed objects and removals of one image in one transaction, each as a compare-and-set
 * on its version: a write whose base is not the stored version (another tab or machine changed
 * the object since) is not made but returned as a conflict. Then sets the image's object count
 * to the number actually stored. Either all of it is stored or none.
 */
export async function saveObjectChanges(imageId: string, writes: ObjectWrite[]): Promise<SaveOutcome> {
  const tx = (await database()).transaction(['objects', 'images'], 'readwrite');
  const objects = tx.objectStore('objects');
  const images = tx.objectStore('images');
  const stored = await Promise.all(writes.map(({ id }) => objects.get([imageId, id])));
  const outcome: SaveOutcome = { written: [], conflicts: [], objectCount: 0 };
  const requests = writes.map((write, i) => {
    const record = stored[i];
    const current = record ? withoutImageId(record) : null;
    const sameOutcome = !current && !write.after; // both removed it: nothing to choose between
    if ((current?.version ?? null) !== write.base && !sameOutcome) {
      outcome.conflicts.push({ write, stored: current });
      return null;
    }
    outcome.written.push(write);
    return write.after ? objects.put({ ...write.after, imageId }) : objects.delete([imageId, write.id]);
  });
  const [, image, objectCount] = await Promise.all([Promise.all(requests), images.get(imageId), objects.count(keysOfImage(imageId))]);
  if (image && image.objectCount !== objectCount) await images.put({ ...image, objectCount });
  await tx.done;
  outcome.objectCount = objectCount;
  return outcome;
}

/** One stored object of an image, or null. */
export async function loadObject(imageId: string, id: string): Promise<AnnotationObject | null> {
  const record = await (await database()).get('objects', [imageId, id]);
  return record ? withoutImageId(record) : null;
}

function withoutImageId({ imageId: _image, ...object }: AnnotationObject & { imageId: string }): AnnotationObject {
  return object;
}

/** Every meta record whose key starts with `prefix`. */
export async function readMetaWithPrefix<T>(prefix: string): Promise<T[]> {
  const records = await (await database()).getAll('meta', IDBKeyRange.bound(prefix, `${prefix}\uffff`));
  return records.map((record) => record.value as T);
}

export async function readMeta<T>(key: string): Promise<T | undefined> {
  return (await (await database()).get('meta', key))?.value as T | undefined;
}

export async function writeMeta(key: string, value: unknown): Promise<void> {
  await (await database()).put('meta', { key, value });
}

export async function deleteMeta(key: string): Promise<void> {
  await (await database()).delete('meta', key);
}

export async function loadImageRecord(id: string): Promise<ImageRecord | undefined> {
  return (await database()).get('images', id);
}

export async function loadSource(id: string): Promise<SourceRecord | undefined> {
  return (await database()).get('sources', id);
}

/** Changes an image's review status and keeps a snapshot of its objects, in one transaction. */
export async function saveStatus(image: ImageRecord, snapshot: SnapshotRecord | null): Promise<void> {
  const tx = (await database()).transaction(['images', 'snapshots'], 'readwrite');
  await Promise.all([putKeepingCount(tx.objectStore('images'), image), snapshot ? tx.objectStore('snapshots').put(snapshot) : null, tx.done]);
}

/** The ids of the images with at least one submission, from the snapshots' keys alone (no record is read). */
export async function loadSubmittedImageIds(): Promise<string[]> {
  const keys = await (await database()).getAllKeys('snapshots');
  return [...new Set(keys.map(([imageId]) => imageId))];
}

/** Stores a submission made elsewhere (it came through sync). */
export async function saveSnapshot(snapshot: SnapshotRecord): Promise<void> {
  await (await database()).put('snapshots', snapshot);
}

/** Every submission of an image, oldest first. */
export async function loadSnapshots(imageId: string): Promise<SnapshotRecord[]> {
  return (await database()).getAll('snapshots', keysOfImage(imageId));
}

export async function loadIssues(imageId?: string): Promise<IssueRecord[]> {
  const db = await database();
  return imageId ? db.getAllFromIndex('issues', 'imageId', imageId) : db.getAll('issues');
}

export async function saveIssues(issues: IssueRecord[]): Promise<void> {
  const tx = (await database()).transaction('issues', 'readwrite');
  await Promise.all([...issues.map((issue) => tx.store.put(issue)), tx.done]);
}

/** The reference layers of one image, oldest first. */
export async function loadLayers(imageId: string): Promise<ReferenceLayer[]> {
  const layers = await (await database()).getAll('layers', keysOfImage(imageId));
  return layers.sort((a, b) => a.addedAt - b.addedAt);
}

/** The names of every reference layer in the project, each once, sorted. */
export async function loadLayerNames(): Promise<string[]> {
  const layers = await (await database()).getAll('layers');
  return [...new Set(layers.map((layer) => layer.name))].sort();
}

export async function saveLayer(layer: ReferenceLayer): Promise<void> {
  await (await database()).put('layers', layer);
}

export async function deleteLayer(imageId: string, id: string): Promise<void> {
  await (await database()).delete('layers', [imageId, id]);
}

/** The model's proposals on one image. */
export async function loadProposals(imageId: string): Promise<Proposal[]> {
  return (await database()).getAll('proposals', keysOfImage(imageId));
}

/** Replaces all of an image's proposals with `proposals`, in one transaction. */
export async function replaceProposals(imageId: string, proposals: Proposal[]): Promise<void> {
  const tx = (await database()).transaction('proposals', 'readwrite');
  await Promise.all([tx.store.delete(keysOfImage(imageId)), ...proposals.map((proposal) => tx.store.put(proposal)), tx.done]);
}

/** Removes some of an image's proposals (accepted or rejected). */
export async function deleteProposals(imageId: string, ids: string[]): Promise<void> {
  const tx = (await database()).transaction('proposals', 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete([imageId, id])), tx.done]);
}
