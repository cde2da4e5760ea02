/**
 * PouchDB for Node with its plugins, registered once: `plugin()` changes the one PouchDB class
 * of the process (a second registration throws), so the server and its tests share this one and
 * take their own settings with `defaults()`.
 */
import PouchDB from 'pouchdb-core';
import http from 'pouchdb-adapter-http';
import leveldb from 'pouchdb-adapter-leveldb';
import memory from 'pouchdb-adapter-memory';
import mapreduce from 'pouchdb-mapreduce';
import replication from 'pouchdb-replication';

export type { PouchDatabase, PouchDoc, ReplicationResult } from 'pouchdb-core';

export const Pouch = PouchDB.plugin(leveldb).plugin(memory).plugin(http).plugin(mapreduce).plugin(replication);
