/**
 * PouchDB, the one module that imports it: the core with the browser's IndexedDB adapter, the
 * HTTP adapter (the CouchDB server) and replication. No map/reduce plugin: its temporary views
 * compile functions at run time, which the Content-Security-Policy forbids. Node (tests,
 * benchmarks) adds the memory adapter through `usePouchPlugin`.
 */
import PouchDB, { type PouchDB as Types } from 'pouchdb-core';
import idb from 'pouchdb-adapter-idb';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';

PouchDB.plugin(idb).plugin(http).plugin(replication);

export { PouchDB };
export type Database<T extends object = object> = Types.Database<T>;
export type PouchOptions = Types.Options;

/** Adds an adapter (the memory adapter in Node tests). */
export function usePouchPlugin(plugin: unknown): void {
  PouchDB.plugin(plugin);
}
