import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { AnnotatorDB } from './schema';

type UpgradeTx = IDBPTransaction<AnnotatorDB, StoreNames<AnnotatorDB>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<AnnotatorDB>, tx: UpgradeTx) => void | Promise<void>;
/** The same database without the schema's types, for stores and indexes later versions removed. */
const untyped = (db: IDBPDatabase<AnnotatorDB>) => db as unknown as IDBPDatabase;
const untypedTx = (tx: UpgradeTx) => tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;

/**
 * Migration i brings the database from version i to version i + 1. Never edit a released step;
 * append a new one, so that every older database upgrades through the same path.
 */
export const MIGRATIONS: Migration[] = [
  // 0 -> 1: the first schema.
  (db) => {
    db.createObjectStore('images', { keyPath: 'id' }).createIndex('order', 'order');
    db.createObjectStore('pixels', { keyPath: 'id' });
    db.createObjectStore('sources', { keyPath: 'id' });
    db.createObjectStore('meta', { keyPath: 'key' });
  },
  // 1 -> 2: annotated objects, one record each, so saving one change writes one record.
  async (db, tx) => {
    untyped(db).createObjectStore('objects', { keyPath: ['imageId', 'id'] }).createIndex('imageId', 'imageId');
    for (let cursor = await tx.objectStore('images').openCursor(); cursor; cursor = await cursor.continue()) {
      await cursor.update({ ...cursor.value, objectCount: 0 });
    }
  },
  // 2 -> 3: each image's current mask (removed again in 5: nothing read it).
  (db) => {
    untyped(db).createObjectStore('masks', { keyPath: 'imageId' });
  },
  // 3 -> 4: review. Images with objects are taken as in progress, the others as new.
  async (db, tx) => {
    db.createObjectStore('snapshots', { keyPath: ['imageId', 'submittedAt'] });
    db.createObjectStore('issues', { keyPath: 'id' }).createIndex('imageId', 'imageId');
    for (let cursor = await tx.objectStore('images').openCursor(); cursor; cursor = await cursor.continue()) {
      await cursor.update({ ...cursor.value, status: cursor.value.objectCount > 0 ? 'in progress' : 'new', statusHistory: [] });
    }
  },
  // 4 -> 5: every object gets version 1 (also inside submission snapshots), so later saves can
  // detect a concurrent change; the kept masks and the never-read objects index go.
  async (db, tx) => {
    untyped(db).deleteObjectStore('masks');
    untypedTx(tx).objectStore('objects').deleteIndex('imageId');
    for (let cursor = await tx.objectStore('objects').openCursor(); cursor; cursor = await cursor.continue()) {
      await cursor.update({ ...cursor.value, version: 1 });
    }
    for (let cursor = await tx.objectStore('snapshots').openCursor(); cursor; cursor = await cursor.continue()) {
      await cursor.update({ ...cursor.value, objects: cursor.value.objects.map((object) => ({ ...object, version: 1 })) });
    }
  },
  // 5 -> 6: reference layers (another annotator's or a model's objects, read-only) and the
  // model's proposals, per image.
  (db) => {
    db.createObjectStore('layers', { keyPath: ['imageId', 'id'] });
    db.createObjectStore('proposals', { keyPath: ['imageId', 'id'] });
  },
  // 6 -> 7: tiles of images too large for one canvas (no image had them before).
  (db) => {
    db.createObjectStore('tiles', { keyPath: ['imageId', 'level', 'index'] });
  },
];

export const DB_VERSION = MIGRATIONS.length;

/**
 * Runs the pending steps in order inside the upgrade transaction. Steps that read or rewrite
 * records are async; the transaction stays open while they only await its own requests.
 */
export async function runMigrations(db: IDBPDatabase<AnnotatorDB>, oldVersion: number, tx: UpgradeTx): Promise<void> {
  for (let version = oldVersion; version < DB_VERSION; version++) await MIGRATIONS[version](db, tx);
}
