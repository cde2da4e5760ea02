/**
 * Storage for the project bundle (core/bundle): everything of one image read at once for an
 * export, and one image brought in from a bundle written in one transaction, so a cancelled or
 * failed import leaves every image whole. Also the two facts a bundle exchange needs from this
 * browser: its id, and per image the object versions last received from each other browser.
 */
import type { StoredImage } from '../core/bundle/format';
import { newId } from '../core/ids';
import type { AnnotationObject } from '../core/objects';
import type { ImageRecord, ReferenceLayer, SnapshotRecord } from '../core/project';
import { database, keysOfImage, loadImageRecord, loadIssues, loadLayers, loadObjects, loadSnapshots, readMeta, storedRaster, writeMeta } from './db';
import type { IssueRecord, MetaRecord, SourceRecord, WholePixels } from './schema';

const BROWSER_ID_KEY = 'browserId';
/** meta `bundle-received:<imageId>`: browser id → object id → version key (core/bundle/merge.ts versionKey). */
export const receivedKey = (imageId: string) => `bundle-received:${imageId}`;

/** This browser's project id, made once: bundles name their maker by it. */
export async function browserId(): Promise<string> {
  const known = await readMeta<string>(BROWSER_ID_KEY);
  if (known) return known;
  const id = newId();
  await writeMeta(BROWSER_ID_KEY, id);
  return id;
}

/** Everything stored for one image but its pixels and file. */
export async function loadStoredImage(imageId: string): Promise<StoredImage | undefined> {
  const record = await loadImageRecord(imageId);
  if (!record) return undefined;
  const [objects, submissions, issues, layers, received] = await Promise.all([
    loadObjects(imageId),
    loadSnapshots(imageId),
    loadIssues(imageId),
    loadLayers(imageId),
    readMeta<StoredImage['received']>(receivedKey(imageId)),
  ]);
  return { record, objects, submissions, issues, layers, received: received ?? {} };
}

/** One image's writes from a bundle. */
export interface BundleImageWrite {
  record: ImageRecord;
  /** A new image: its pixels and (unless generated) its file. */
  added?: { pixels: WholePixels; source: SourceRecord | null }; // bundles carry images held whole (not tiled ones, yet)
  objects: AnnotationObject[];
  removed: string[];
  /** The stored version each written or removed object must still have (null: absent), as the merge read it. */
  expected: ReadonlyMap<string, number | null>;
  submissions: SnapshotRecord[];
  issues: IssueRecord[];
  layers: ReferenceLayer[];
  /** Meta records to put (received versions, conflicts). */
  meta: MetaRecord[];
}

/**
 * Writes it all in one transaction and sets the image's object count to what is stored (which
 * it returns). Returns null, writing nothing, when an object changed since the merge read it
 * (the user saved meanwhile): the caller merges again.
 */
export async function writeBundleImage(write: BundleImageWrite): Promise<number | null> {
  const stores = ['images', 'pixels', 'sources', 'objects', 'snapshots', 'issues', 'layers', 'meta'] as const;
  const tx = (await database()).transaction([...stores], 'readwrite');
  const imageId = write.record.id;
  const objects = tx.objectStore('objects');
  const ids = [...write.expected.keys()];
  const stored = await Promise.all(ids.map((id) => objects.get([imageId, id])));
  if (ids.some((id, i) => (stored[i]?.version ?? null) !== write.expected.get(id))) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return null;
  }
  const { added } = write;
  await Promise.all([
    added && tx.objectStore('images').add(write.record), // a merged image's record is written once, with its count, below
    added && tx.objectStore('pixels').add({ id: imageId, display: storedRaster(added.pixels.display), original: added.pixels.original && storedRaster(added.pixels.original) }),
    added?.source && tx.objectStore('sources').add(added.source),
    ...write.objects.map((object) => objects.put({ ...object, imageId })),
    ...write.removed.map((id) => objects.delete([imageId, id])),
    ...write.submissions.map((submission) => tx.objectStore('snapshots').put(submission)),
    ...write.issues.map((issue) => tx.objectStore('issues').put(issue)),
    ...write.layers.map((layer) => tx.objectStore('layers').put(layer)),
    ...write.meta.map((record) => tx.objectStore('meta').put(record)),
  ]);
  const objectCount = await objects.count(keysOfImage(imageId));
  await tx.objectStore('images').put({ ...write.record, objectCount });
  await tx.done;
  return objectCount;
}
