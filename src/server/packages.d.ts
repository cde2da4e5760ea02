/** Types for the untyped CommonJS packages of the dev sync server: only what it (and its tests) use. */
declare module 'pouchdb-core' {
  export interface PouchDoc {
    _id: string;
    _rev?: string;
    [field: string]: unknown;
  }
  export interface ReplicationResult {
    ok: boolean;
    docs_written: number;
    doc_write_failures: number;
    errors: Array<{ name?: string; status?: number; message?: string; id?: string }>;
  }
  export interface PouchDatabase {
    put(doc: PouchDoc): Promise<{ ok: boolean; id: string; rev: string }>;
    get(id: string): Promise<PouchDoc>;
    replicate: { to(target: string | PouchDatabase, options?: object): Promise<ReplicationResult> };
    close(): Promise<void>;
    destroy(): Promise<void>;
  }
  export interface PouchDBStatic {
    new (name: string, options?: object): PouchDatabase;
    plugin(plugin: object): PouchDBStatic;
    defaults(options: object): PouchDBStatic;
  }
  const PouchDB: PouchDBStatic;
  export default PouchDB;
}

declare module 'pouchdb-adapter-leveldb' {
  const plugin: object;
  export default plugin;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: object;
  export default plugin;
}
declare module 'pouchdb-adapter-http' {
  const plugin: object;
  export default plugin;
}
declare module 'pouchdb-mapreduce' {
  const plugin: object;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: object;
  export default plugin;
}

declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type { PouchDBStatic } from 'pouchdb-core';
  export interface ExpressPouchApp {
    (request: IncomingMessage, response: ServerResponse): void;
    couchConfig: { set(section: string, key: string, value: string, done: (error: Error | null) => void): void };
  }
  export default function expressPouchDB(PouchDB: PouchDBStatic, options: { mode: 'fullCouchDB'; inMemoryConfig: true; logPath: string }): ExpressPouchApp;
}

declare module 'cors' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  export interface CorsOptions {
    origin: (origin: string | undefined, done: (error: Error | null, allow: boolean) => void) => void;
    credentials: boolean;
    methods: string[];
    maxAge?: number;
  }
  export default function cors(options: CorsOptions): (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;
}
