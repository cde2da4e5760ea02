/**
 * PouchDB 7's browser code still reads Node's `global` in places (e.g. pouchdb-utils' feature
 * checks); the browser calls it `globalThis`. Imported before PouchDB (io/sync/pouch.ts).
 */
const scope = globalThis as { global?: typeof globalThis };
scope.global ??= globalThis;
