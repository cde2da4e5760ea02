/**
 * Connecting the project to a database on a CouchDB server: the credentials (kept locally, in
 * meta, password included), the server's session (whose name and role then replace the local
 * choice), continuous two-way replication of the local replica, the status the status bar
 * shows, and the server's refusals (its version is restored here and the user told why).
 */
import type { Role } from '../../core/review/status';
import { docKind } from '../../core/sync/docs';
import { deleteMeta, readMeta, writeMeta } from '../../io/db';
import { readSession, replicate, SyncProblem, urlProblem } from '../../io/sync/connection';
import type { Replica } from '../../io/sync/replica';
import { getState, setState, type SyncStatus } from '../store';
import { notify } from './notices';

/** PouchDB and the bridge load with the first connection: a project that never syncs never downloads them. */
const bridge = () => import('./syncBridge');
const replicas = () => import('../../io/sync/replica');

const SYNC_KEY = 'sync';

export interface SyncSettings {
  url: string;
  user: string;
  password: string;
}

interface Connection {
  settings: SyncSettings;
  local: Replica;
  remote: Replica;
  stop: () => void;
}

let connection: Connection | null = null;

const setSync = (change: Partial<SyncStatus>) => setState({ sync: { ...getState().sync, ...change } });

/** Opens (or closes) the sync dialog; the last refusal, read, leaves the status bar. */
export function openSyncDialog(open = true): void {
  setState({ syncDialogOpen: open });
  if (open) setSync({ refusal: null });
}

/** The settings kept from last time (the dialog shows them; the password too, as stored). */
export function storedSyncSettings(): Promise<SyncSettings | undefined> {
  return readMeta<SyncSettings>(SYNC_KEY);
}

/** At start-up: reconnects a project that was connected. */
export async function resumeSync(): Promise<void> {
  const settings = await storedSyncSettings();
  if (settings) await connect(settings);
}

/**
 * Connects to the database at `url` with these credentials and keeps them. Returns why not
 * (shown in the dialog) or null; an unreachable server is no reason not to: work goes on
 * offline and replication starts when the server answers.
 */
export async function connect(settings: SyncSettings): Promise<string | null> {
  const url = settings.url.trim().replace(/\/+$/, '');
  const problem = urlProblem(url, location.origin);
  if (problem) return problem;
  disconnectQuietly();
  setSync({ state: 'connecting', url, reason: null, refusal: null, pending: 0 });
  try {
    await adoptSession(url, settings);
  } catch (error) {
    if (!(error instanceof SyncProblem) || error.kind !== 'unreachable') {
      const reason = error instanceof Error ? error.message : String(error);
      setSync({ state: 'error', reason, url: null });
      return reason;
    }
    setSync({ state: 'offline', reason: error.message });
  }
  const kept = { ...settings, url };
  await writeMeta(SYNC_KEY, kept);
  const [{ openReplica, openRemote }, { startBridge }] = await Promise.all([replicas(), bridge()]);
  const local = openReplica(url);
  const remote = openRemote(url, kept.user, kept.password);
  await startBridge(local);
  connection = { settings: kept, local, remote, stop: startReplication(local, remote) };
  return null;
}

function startReplication(local: Replica, remote: Replica): () => void {
  if (!navigator.onLine) setSync({ state: 'offline', reason: 'no network' });
  return replicate(local, remote, {
    // Retries while the browser is offline say "active" too: the browser's word wins.
    change: (_direction, _docs, pending) => navigator.onLine && setSync({ state: 'syncing', pending: pending ?? 0 }),
    active: () => navigator.onLine && setSync({ state: 'syncing', reason: null }),
    paused: (error) => setSync(error || !navigator.onLine ? { state: 'offline', reason: error ? describe(error) : 'no network' } : { state: 'connected', pending: 0, reason: null }),
    denied: (id, message) => void refused(id, message),
    failed: (error) => setSync({ state: 'error', reason: describe(error) }),
  }).stop;
}

// The browser knows first when the network goes or comes back: say so at once, and replicate
// again right away instead of waiting for the next retry.
if (typeof window !== 'undefined') {
  window.addEventListener('offline', () => connection && setSync({ state: 'offline', reason: 'no network' }));
  window.addEventListener('online', () => {
    if (!connection) return;
    connection.stop();
    connection.stop = startReplication(connection.local, connection.remote);
  });
}

/** The server's name and role for these credentials become the app's user. */
async function adoptSession(url: string, settings: SyncSettings): Promise<void> {
  const session = await readSession(url, settings.user, settings.password);
  const role: Role = session.roles.includes('reviewer') ? 'reviewer' : 'annotator';
  setState({ user: { name: session.name, role } });
}

function describe(error: unknown): string {
  const status = (error as { status?: number }).status;
  if (status === 401) return 'wrong user name or password';
  if (status === 403) return 'refused by the server';
  if (status === undefined || status === 0 || status >= 500) return 'server unreachable';
  return error instanceof Error ? error.message : String((error as { message?: string }).message ?? error);
}

/**
 * The server refused a document this browser wrote (e.g. an annotator's change to an approved
 * image): the user is told why, and the server's version replaces ours, shown as a remote change.
 */
async function refused(id: string, message: string): Promise<void> {
  const current = connection;
  if (!current || docKind(id) === null) return;
  const server = await current.remote.get(id).catch(() => null);
  const name = server && 'name' in server ? (server as { name: string }).name : id;
  const text = `${name}: the server refused your change: ${message}`;
  setSync({ refusal: text });
  notify('error', `${text}. The server's version is shown again.`);
  if (!server) return;
  const hash = id.startsWith('image:') ? id.slice('image:'.length) : null;
  if (hash) (await bridge()).adoptServerVersion(hash);
  const { _rev: _serverRev, ...content } = server as unknown as { _rev: string } & Record<string, unknown>;
  const { readDoc, writeDoc } = await replicas();
  const local = await readDoc(current.local, id);
  // A new revision on top of the refused one, saying what the server has; the bridge takes it in.
  await writeDoc(current.local, content as never, local?._rev);
}

function disconnectQuietly(): void {
  if (!connection) return;
  connection.stop();
  connection = null;
  void bridge().then(({ stopBridge }) => stopBridge());
}

/** Stops syncing and forgets the credentials; the project and the local replica stay. */
export async function disconnect(): Promise<void> {
  disconnectQuietly();
  await deleteMeta(SYNC_KEY);
  setSync({ state: 'off', url: null, pending: 0, reason: null, refusal: null });
}

/** Whether the project is connected (the user's name and role then come from the server). */
export const isConnected = () => getState().sync.state !== 'off' && getState().sync.state !== 'error';
