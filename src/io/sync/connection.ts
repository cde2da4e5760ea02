/**
 * Talking to the CouchDB server: who the credentials belong to (`_session`), and continuous
 * two-way replication between the local replica and the server's database, reported as a few
 * plain events. Requests go only to the URL the user configured, and only to origins the build
 * admits (the Content-Security-Policy's connect-src; see scripts/securityHeaders.ts).
 */
import type { Replica } from './replica';

declare const __SYNC_ORIGINS__: string[] | undefined;

/** Origins the build admits besides the app's own (SYNC_ORIGINS at build time). */
export const ALLOWED_SYNC_ORIGINS: readonly string[] = typeof __SYNC_ORIGINS__ === 'undefined' ? [] : __SYNC_ORIGINS__;

/** Why a database URL cannot be used, fit to show as is; null when it can. */
export function urlProblem(url: string, pageOrigin: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `“${url}” is not a URL (e.g. https://couch.example.org/project)`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `${url}: only http and https servers can be used`;
  if (parsed.username || parsed.password) return `${url}: give the user and password in their own fields, not in the URL`;
  if (parsed.pathname.split('/').filter(Boolean).length === 0) return `${url}: the URL must name the project's database (e.g. ${parsed.origin}/project)`;
  if (parsed.origin !== pageOrigin && !ALLOWED_SYNC_ORIGINS.includes(parsed.origin)) {
    const allowed = [pageOrigin, ...ALLOWED_SYNC_ORIGINS].join(', ');
    return `${parsed.origin} is not a sync server this build of the app may connect to (allowed: ${allowed}); it is set when the app is built (SYNC_ORIGINS)`;
  }
  return null;
}

export interface Session {
  name: string;
  roles: string[];
}

/** Why the server could not be used: the reason is shown in the status bar. */
export class SyncProblem extends Error {
  constructor(
    readonly kind: 'credentials' | 'unreachable' | 'server',
    message: string,
  ) {
    super(message);
  }
}

const authHeader = (user: string, password: string) => `Basic ${btoa(unescape(encodeURIComponent(`${user}:${password}`)))}`;

/** The server's `_session` (beside the database, at the server's root path) for these credentials. */
export async function readSession(url: string, user: string, password: string): Promise<Session> {
  const database = new URL(url);
  const root = database.pathname.replace(/\/+$/, '').replace(/[^/]*$/, '');
  let response: Response;
  try {
    response = await fetch(new URL(`${root}_session`, database.origin), { headers: { Authorization: authHeader(user, password), Accept: 'application/json' } });
  } catch {
    throw new SyncProblem('unreachable', `server unreachable (${database.origin})`);
  }
  if (response.status === 401) throw new SyncProblem('credentials', 'wrong user name or password');
  if (!response.ok) throw new SyncProblem('server', `the server answered ${response.status} ${response.statusText}`);
  const body = (await response.json()) as { userCtx?: { name?: string | null; roles?: string[] } };
  if (!body.userCtx?.name) throw new SyncProblem('credentials', 'wrong user name or password');
  return { name: body.userCtx.name, roles: body.userCtx.roles ?? [] };
}

export interface ReplicationEvents {
  /** Documents came in or went out; `pending`: how many more the server says are waiting (if it says). */
  change(direction: 'push' | 'pull', docs: number, pending: number | undefined): void;
  /** Up to date (`error` undefined) or waiting to retry after a failure (offline, server down). */
  paused(error: unknown): void;
  active(): void;
  /** The server refused a document (validate_doc_update: 403 forbidden, or 401). */
  denied(id: string, message: string): void;
  /** Replication stopped for good. */
  failed(error: unknown): void;
}

/** Retries quickly at first, then every 5 s at most (PouchDB's default backs off to 10 minutes). */
const backOff = (delay: number) => (delay === 0 ? 500 : Math.min(delay * 2, 5000));

/** Continuous two-way replication (live, retrying); `stop` ends it. */
export function replicate(local: Replica, remote: Replica, events: ReplicationEvents): { stop(): void } {
  const sync = local.sync(remote, { live: true, retry: true, back_off_function: backOff, batch_size: 100 });
  sync
    .on('change', (info) => {
      const change = (info as unknown as { change: { docs: unknown[]; pending?: number } }).change;
      events.change(info.direction, change.docs.length, change.pending);
    })
    .on('paused', (error) => events.paused(error))
    .on('active', () => events.active())
    .on('denied', (event) => {
      // Two-way sync wraps the refused document's error: { direction, doc: { id, name, message } }.
      type Refusal = { id?: string; message?: string; reason?: string };
      const refusal = ((event as { doc?: Refusal }).doc ?? event) as Refusal;
      events.denied(refusal.id ?? '', refusal.message ?? refusal.reason ?? 'refused by the server');
    })
    .on('error', (error) => events.failed(error));
  return { stop: () => sync.cancel() };
}
