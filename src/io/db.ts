import { openDB, type IDBPDatabase } from 'idb';
import type { AnnotationObject } from '../core/objects';
import type { ImageRecord, Proposal, ReferenceLayer, SnapshotRecord } from '../core/project';
import { DB_NAME, type AnnotatorDB, type IssueRecord, type PixelsRecord, type SourceRecord } from './schema';
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

/** Stores a new image's metadata, pixels and source bytes in one transaction (all or nothing). */
export async function addImage(image: ImageRecord, pixels: PixelsRecord, source: SourceRecord | null): Promise<void> {
  const tx = (await database()).transaction(['images', 'pixels', 'sources'], 'readwrite');
  await Promise.all([
    tx.objectStore('images').add(image),
    tx.objectStore('pixels').add(pixels),
    source ? tx.objectStore('sources').add(source) : null,
    tx.done,
  ]);
}

export async function loadPixels(id: string): Promise<PixelsRecord | undefined> {
  return (await database()).get('pixels', id);
}

export async function updateImageRecord(image: ImageRecord): Promise<void> {
  await (await database()).put('images', image);
}

/** All [imageId, …] keys of one image (objects, snapshots): arrays sort after strings and numbers, so [id, []] is an upper bound. */
const keysOfImage = (imageId: string) => IDBKeyRange.bound([imageId], [imageId, []]);

/** Removes images and everything stored for them (with their `metaKeys`), in one transaction. */
export async function deleteImages(ids: string[], metaKeys: string[] = []): Promise<void> {
  const tx = (await database()).transaction(['images', 'pixels', 'sources', 'objects', 'snapshots', 'issues', 'meta', 'layers', 'proposals'], 'readwrite');
  const stores = [tx.objectStore('images'), tx.objectStore('pixels'), tx.objectStore('sources')];
  const objects = tx.objectStore('objects');
  const snapshots = tx.objectStore('snapshots');
  const issues = tx.objectStore('issues');
  const issueKeys = (await Promise.all(ids.map((id) => issues.index('imageId').getAllKeys(id)))).flat();
  await Promise.all([
    ...ids.flatMap((id) => [...stores.map((store) => store.delete(id)), objects.delete(keysOfImage(id)), snapshots.delete(keysOfImage(id)), tx.objectStore('layers').delete(keysOfImage(id)), tx.objectStore('proposals').delete(keysOfImage(id))]),
    ...issueKeys.map((key) => issues.delete(key)),
    ...metaKeys.map((key) => tx.objectStore('meta').delete(key)),
    tx.done,
  ]);
}

/** The objects of one image (any order; the caller sorts by z). */
export async function loadObjects(imageId: string): Promise<AnnotationObject[]> {
  const records = await (await database()).getAll('objects', keysOfImage(imageId));
  return records.map(({ imageId: _image, ...object }) => object);
}

/**
 * Writes changed objects and removals of one image in one transaction, and sets the image's
 * object count to the number of objects stored once they are in: either all of it is stored or
 * none (a failed save never half-writes). Returns the stored count.
 */
export async function saveObjectChanges(imageId: string, put: AnnotationObject[], remove: string[]): Promise<number> {
  const tx = (await database()).transaction(['objects', 'images'], 'readwrite');
  const objects = tx.objectStore('objects');
  const images = tx.objectStore('images');
  const writes = Promise.all([...put.map((object) => objects.put({ ...object, imageId })), ...remove.map((id) => objects.delete([imageId, id]))]);
  const [, image, objectCount] = await Promise.all([writes, images.get(imageId), objects.count(keysOfImage(imageId))]);
  if (image) await images.put({ ...image, objectCount });
  await tx.done;
  return objectCount;
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
  await Promise.all([tx.objectStore('images').put(image), snapshot ? tx.objectStore('snapshots').put(snapshot) : null, tx.done]);
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
