/**
 * PouchDB, the one module that imports it: the core with the browser's IndexedDB adapter, the
 * HTTP adapter (the CouchDB server) and replication. No map/reduce plugin: its temporary views
 * compile functions at run time, which the Content-Security-Policy forbids. Node (tests,
 * benchmarks) adds the memory adapter through `usePouchPlugin`.
 */
import './nodeGlobal';
import PouchCore from 'pouchdb-core';
import idb from 'pouchdb-adapter-idb';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import type { Database, PouchDBStatic } from './pouchTypes';

export const PouchDB = (PouchCore as unknown as PouchDBStatic).plugin(idb).plugin(http).plugin(replication);

export type { Database };

/** Adds an adapter (the memory adapter in Node tests). */
export function usePouchPlugin(plugin: unknown): void {
  PouchDB.plugin(plugin);
}
