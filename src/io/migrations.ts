import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { AnnotatorDB } from './schema';

type UpgradeTx = IDBPTransaction<AnnotatorDB, StoreNames<AnnotatorDB>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<AnnotatorDB>, tx: UpgradeTx) => void;

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
];

export const DB_VERSION = MIGRATIONS.length;

export function runMigrations(db: IDBPDatabase<AnnotatorDB>, oldVersion: number, tx: UpgradeTx): void {
  for (let version = oldVersion; version < DB_VERSION; version++) MIGRATIONS[version](db, tx);
}
