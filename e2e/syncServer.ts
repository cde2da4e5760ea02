/**
 * The dev sync server Playwright starts for the whole run (playwright.config.ts: LevelDB in a
 * fresh temporary folder, stopped with SIGTERM at the end), and what tests need of it: its URL,
 * its admin, and fresh project databases with users, prepared exactly as `npm run sync-setup`
 * prepares a real CouchDB (design document, `_security` by role).
 */
import { setUpProject, type SyncUser } from '../src/server/setup';
import { SYNC_PORT } from './ports';

export const SYNC_URL = `http://127.0.0.1:${SYNC_PORT}`;
export const SYNC_ADMIN = { name: 'admin', password: 'e2e-admin' };
/** The database the server creates at start; tests that need a clean one use createSyncProject. */
export const SYNC_DB = 'nuclei';

export interface SyncProject {
  /** The database's URL, as a user types it into the app's sync settings. */
  url: string;
  db: string;
}

let projects = 0;

/**
 * A new database (unique per call) with the design document and `_security`, and the users
 * (created, or updated with this password and role: `_users` is shared by all databases).
 */
export async function createSyncProject(users: readonly SyncUser[]): Promise<SyncProject> {
  const db = `e2e-${process.pid}-${Date.now()}-${++projects}`;
  await setUpProject(SYNC_URL, { admin: SYNC_ADMIN, db, users });
  return { url: `${SYNC_URL}/${db}`, db };
}

/** Creates (or updates) users of the server; they may use every database set up for the two roles. */
export async function createSyncUsers(users: readonly SyncUser[]): Promise<void> {
  await setUpProject(SYNC_URL, { admin: SYNC_ADMIN, db: SYNC_DB, users });
}

/** A document as the server stores it (read as admin), or null when absent: what another user would get. */
export async function serverDoc(project: SyncProject, id: string): Promise<Record<string, unknown> | null> {
  const response = await fetch(`${project.url}/${encodeURIComponent(id)}`, { headers: { authorization: basicAuth(SYNC_ADMIN) } });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`GET ${project.url}/${id}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

export function basicAuth(user: { name: string; password: string }): string {
  return `Basic ${Buffer.from(`${user.name}:${user.password}`).toString('base64')}`;
}
