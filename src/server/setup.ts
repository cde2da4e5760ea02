/**
 * Prepares a CouchDB server (Apache CouchDB 3, or the dev server) for one project: the
 * database, the design document of core/sync/designDoc.ts, the `_security` object that admits
 * the two roles, and users. Plain HTTP with the server admin's credentials, so production and
 * development are set up by the same code. Running it again updates what differs and leaves
 * the rest.
 */
import { designDoc, DESIGN_DOC_ID, ROLES } from '../core/sync/designDoc';
import type { Role } from '../core/review/status';

export interface Credentials {
  name: string;
  password: string;
}

export interface SyncUser extends Credentials {
  role: Role;
}

export interface SetupOptions {
  admin: Credentials;
  /** The project's database name (CouchDB's rule: lower case letter first, then a-z 0-9 _$()+-/). */
  db: string;
  users: readonly SyncUser[];
}

/** The database `sync-server` creates and `sync-setup` prepares unless told another. */
export const DEFAULT_DB = 'nuclei';

/** Who may read and write the database: members by role (CouchDB 3 makes new databases admin-only). */
export const SECURITY = { admins: { names: [], roles: [] }, members: { names: [], roles: [...ROLES] } };

/** A refusal or failure of the server, with the request it answered. */
export class SetupError extends Error {
  override name = 'SetupError';
}

/** One step done, for the command's output. */
export type SetupReport = string[];

export async function setUpProject(serverUrl: string, options: SetupOptions): Promise<SetupReport> {
  if (!/^[a-z][a-z0-9_$()+/-]*$/.test(options.db)) throw new SetupError(`bad database name "${options.db}": CouchDB wants a lower-case letter first, then a-z, 0-9 or _$()+-/`);
  const couch = client(serverUrl, options.admin);
  const report: SetupReport = [];
  const db = encodeURIComponent(options.db);

  // A fresh CouchDB 3 has no _users database until it is set up; the dev server always has one.
  for (const name of ['_users', options.db]) {
    const created = await couch.request('PUT', `/${encodeURIComponent(name)}`, undefined, [412]);
    report.push(created.status === 412 ? `database ${name} exists` : `database ${name} created`);
  }

  const wanted = designDoc();
  const existing = await couch.request('GET', `/${db}/${DESIGN_DOC_ID}`, undefined, [404]);
  if (existing.status === 404 || existing.body.validate_doc_update !== wanted.validate_doc_update) {
    await couch.request('PUT', `/${db}/${DESIGN_DOC_ID}`, { ...wanted, ...(existing.status === 404 ? {} : { _rev: existing.body._rev }) });
    report.push(`design document ${DESIGN_DOC_ID} ${existing.status === 404 ? 'created' : 'updated'}`);
  } else {
    report.push(`design document ${DESIGN_DOC_ID} is current`);
  }

  await couch.request('PUT', `/${db}/_security`, SECURITY);
  report.push(`security: members are the roles ${ROLES.join(', ')}`);

  for (const user of options.users) {
    const path = `/_users/${encodeURIComponent(`org.couchdb.user:${user.name}`)}`;
    const stored = await couch.request('GET', path, undefined, [404]);
    const rev = stored.status === 404 ? {} : { _rev: stored.body._rev };
    await couch.request('PUT', path, { _id: `org.couchdb.user:${user.name}`, ...rev, name: user.name, password: user.password, roles: [user.role], type: 'user' });
    report.push(`user ${user.name} (${user.role}) ${stored.status === 404 ? 'created' : 'updated'}`);
  }
  return report;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** JSON requests with basic auth; any status but 2xx and `allowed` is a SetupError naming the request. */
function client(serverUrl: string, admin: Credentials) {
  const base = serverUrl.replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`;
  return {
    async request(method: string, path: string, body?: unknown, allowed: number[] = []): Promise<Answer> {
      let response: Response;
      try {
        response = await fetch(base + path, { method, headers: { authorization, 'content-type': 'application/json', accept: 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      } catch (error) {
        throw new SetupError(`cannot reach ${base} (${method} ${path}): ${(error as Error).cause ?? (error as Error).message}`);
      }
      const text = await response.text();
      let parsed: Record<string, unknown> = {};
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        throw new SetupError(`${method} ${base}${path} answered ${response.status} with something that is not JSON: is ${base} a CouchDB server?`);
      }
      if (!response.ok && !allowed.includes(response.status)) {
        const why = [parsed.error, parsed.reason].filter(Boolean).join(': ') || text;
        const hint = response.status === 401 ? ' (are the admin name and password right?)' : '';
        throw new SetupError(`${method} ${base}${path} was refused (${response.status} ${why})${hint}`);
      }
      return { status: response.status, body: parsed };
    },
  };
}
