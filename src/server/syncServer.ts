/**
 * A CouchDB-compatible server for development and CI, made of npm packages: express-pouchdb in
 * its full CouchDB mode (`_users`, `_session`, basic and cookie auth, `_security`,
 * `validate_doc_update`) over PouchDB with LevelDB files (leveldown ships prebuilt binaries) or
 * in memory. Production uses Apache CouchDB 3; both are prepared by the same `setUpProject`.
 *
 * pouchdb-validation 4.2.0 overwrote a replicated document's `_revisions` with the stored
 * ones, so with a design document in place a replicated update was silently dropped; the patch
 * in `patches/` (applied by `npm install`) fixes it.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { devNull } from 'node:os';
import { join, resolve } from 'node:path';
import cors from 'cors';
import expressPouchDB from 'express-pouchdb';
import { Pouch } from './pouch';
import { setUpProject, type Credentials, type SyncUser } from './setup';

export interface SyncServerOptions {
  /** Folder for the databases, the server's config (hashed admin password) and its log; null: all in memory, gone at exit. */
  dataDir: string | null;
  host: string;
  /** 0 lets the system pick one (tests). */
  port: number;
  admin: Credentials;
  /** The project database to create with the design document and `_security`. */
  db: string;
  users: readonly SyncUser[];
  /** Browser origins allowed besides every loopback one (http(s)://localhost, 127.0.0.1, [::1] on any port). */
  origins: readonly string[];
}

export const DEFAULT_PORT = 5984;
export const DEFAULT_DB = 'nuclei';
/** For development only; README says so and shows how to pass another. */
export const DEV_ADMIN: Credentials = { name: 'admin', password: 'admin' };

export interface SyncServer {
  url: string;
  port: number;
  /** Stops listening and drops open connections (continuous replications hold them open). */
  close(): Promise<void>;
}

const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

export async function startSyncServer(options: SyncServerOptions): Promise<SyncServer> {
  const dataDir = options.dataDir && resolve(options.dataDir);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // Memory databases are global to the process by name: a prefix of its own keeps two servers apart.
  const ServerPouch = dataDir ? Pouch.defaults({ adapter: 'leveldb', prefix: `${dataDir}/` }) : Pouch.defaults({ adapter: 'memory', prefix: `memory-${randomUUID()}/` });
  const couch = expressPouchDB(ServerPouch, dataDir ? { mode: 'fullCouchDB', configPath: join(dataDir, 'config.json'), logPath: join(dataDir, 'log.txt') } : { mode: 'fullCouchDB', inMemoryConfig: true, logPath: devNull });
  // Without an admin the server is an "admin party" where anyone may do anything.
  await new Promise<void>((done, fail) => couch.couchConfig.set('admins', options.admin.name, options.admin.password, (error) => (error ? fail(error) : done())));

  const allowed = new Set(options.origins);
  const corsHandler = cors({
    origin: (origin, done) => done(null, origin === undefined || LOOPBACK_ORIGIN.test(origin) || allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'PUT', 'POST', 'HEAD', 'DELETE'],
  });
  const server = createServer((request, response) => corsHandler(request, response, () => couch(request, response)));
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => done());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  const close = () =>
    new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });
  try {
    await setUpProject(url, { admin: options.admin, db: options.db, users: options.users });
  } catch (error) {
    await close();
    throw error;
  }
  return { url, port, close };
}
