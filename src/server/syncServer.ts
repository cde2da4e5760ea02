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
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { devNull } from 'node:os';
import { join, resolve } from 'node:path';
import cors from 'cors';
import expressPouchDB from 'express-pouchdb';
import { Pouch } from './pouch';
import { setUpProject, type Credentials, type SyncUser } from './setup';

export interface SyncServerOptions {
  /** Folder for the databases (LevelDB) and the log; null: all in memory, gone at exit. */
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
  // The config is never written: the admin comes from the command line at every start (a stored
  // config.json would also be rewritten by express-pouchdb while we set the admin, racing it).
  const couch = expressPouchDB(ServerPouch, { mode: 'fullCouchDB', inMemoryConfig: true, logPath: dataDir ? join(dataDir, 'log.txt') : devNull });
  // Without an admin the server is an "admin party" where anyone may do anything.
  await new Promise<void>((done, fail) => couch.couchConfig.set('admins', options.admin.name, options.admin.password, (error) => (error ? fail(error) : done())));

  const allowed = new Set(options.origins);
  const corsHandler = cors({
    origin: (origin, done) => done(null, origin === undefined || LOOPBACK_ORIGIN.test(origin) || allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'PUT', 'POST', 'HEAD', 'DELETE'],
  });
  const handle = (request: IncomingMessage, response: ServerResponse) => corsHandler(request, response, () => couch(request, response));

  // Set up through a private port first, so the public one answers only when everything is in
  // place (Playwright and scripts take the first answer as ready).
  const setupServer = await listen(handle, '127.0.0.1', 0);
  try {
    await setUpProject(`http://127.0.0.1:${(setupServer.address() as AddressInfo).port}`, { admin: options.admin, db: options.db, users: options.users });
  } finally {
    await close(setupServer);
  }
  const server = await listen(handle, options.host, options.port);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  return { url, port, close: () => close(server) };
}

function listen(handle: (request: IncomingMessage, response: ServerResponse) => void, host: string, port: number): Promise<Server> {
  const server = createServer(handle);
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}
