/**
 * The dev sync server in this process, on LevelDB files in a temporary folder (as CI runs it),
 * replicated to by a PouchDB client over HTTP as the app does: updates under the design
 * document are stored (pouchdb-validation's bug, patched in patches/, dropped them silently)
 * and forbidden ones are refused with the design document's message.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESIGN_DOC_ID } from '../core/sync/designDoc';
import { Pouch, type PouchDatabase, type PouchDoc } from './pouch';
import { setUpProject } from './setup';
import { startSyncServer, type SyncServer } from './syncServer';

const ADMIN = { name: 'admin', password: 'secret-admin' };
const USERS = [
  { name: 'ann', password: 'ann-pw', role: 'annotator' as const },
  { name: 'rev', password: 'rev-pw', role: 'reviewer' as const },
];
const HASH = 'e3'.repeat(32);
const IMAGE_ID = `image:${HASH}`;

let server: SyncServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sync-server-test-'));
  server = await startSyncServer({ dataDir, host: '127.0.0.1', port: 0, admin: ADMIN, db: 'nuclei', users: USERS, origins: ['https://lab.example.org'] });
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A browser's local database (in memory here) and the server's, as `name` logs in. */
function openAs(name: string) {
  const user = [...USERS, ADMIN].find((u) => u.name === name)!;
  const local = new Pouch(`local-${randomUUID()}`, { adapter: 'memory' });
  const remote = new Pouch(`${server.url}/nuclei`, { auth: { username: user.name, password: user.password } });
  return { local, remote };
}

async function serverDoc(id: string): Promise<PouchDoc & { _rev: string }> {
  const response = await fetch(`${server.url}/nuclei/${encodeURIComponent(id)}`, { headers: { authorization: basic(ADMIN) } });
  expect(response.status).toBe(200);
  return (await response.json()) as PouchDoc & { _rev: string };
}

const basic = (user: { name: string; password: string }) => `Basic ${Buffer.from(`${user.name}:${user.password}`).toString('base64')}`;

function imageDoc(status: string, objectIds: string[]): PouchDoc {
  const objects = objectIds.map((id, i) => ({ id, version: 1, rings: [[i, 0, i + 4, 0, i + 4, 4]], z: i, label: 'nucleus', createdAt: 1, updatedAt: 1, author: 'ann' }));
  return { _id: IMAGE_ID, type: 'image', hash: HASH, name: 'plate1_A01.png', width: 64, height: 64, status, statusHistory: [], objects, removed: {}, updatedAt: Date.now(), updatedBy: 'ann' };
}

/** Writes the next local revision of a document, as the app's store would. */
async function update(local: PouchDatabase, change: (doc: PouchDoc) => PouchDoc): Promise<void> {
  const current = await local.get(IMAGE_ID);
  await local.put({ ...change(current), _id: IMAGE_ID, _rev: current._rev });
}

describe('the dev sync server', () => {
  it('is set up: design document, members by role, users that can log in', async () => {
    expect((await serverDoc(DESIGN_DOC_ID)).validate_doc_update).toMatch(/^function \(newDoc, oldDoc, userCtx\)/);
    const security = await (await fetch(`${server.url}/nuclei/_security`, { headers: { authorization: basic(ADMIN) } })).json();
    expect(security.members.roles).toEqual(['annotator', 'reviewer']);
    const session = await (await fetch(`${server.url}/_session`, { headers: { authorization: basic(USERS[0]) } })).json();
    expect(session.userCtx).toEqual({ name: 'ann', roles: ['annotator'] });
    expect((await fetch(`${server.url}/nuclei`)).status).toBe(401);
  });

  it('stores replicated updates while the design document exists, and refuses a forbidden one with its message', async () => {
    const annotator = openAs('ann');
    await annotator.local.put(imageDoc('in progress', ['a']));
    const created = await annotator.local.replicate.to(annotator.remote);
    expect(created).toMatchObject({ ok: true, docs_written: 1, doc_write_failures: 0 });

    // Offline: two more objects and a submission, arriving as one replicated revision.
    await update(annotator.local, (doc) => ({ ...doc, ...imageDoc('submitted', ['a', 'b', 'c']) }));
    const updated = await annotator.local.replicate.to(annotator.remote);
    expect(updated).toMatchObject({ docs_written: 1, doc_write_failures: 0 });
    const stored = await serverDoc(IMAGE_ID);
    expect(stored._rev).toMatch(/^2-/);
    expect(stored.status).toBe('submitted');
    expect((stored.objects as { id: string }[]).map((o) => o.id)).toEqual(['a', 'b', 'c']);

    // The submitted image is out of the annotator's hands: the server refuses the change.
    await update(annotator.local, (doc) => ({ ...doc, objects: [] }));
    const refused = await annotator.local.replicate.to(annotator.remote);
    expect(refused.docs_written).toBe(0);
    expect(refused.doc_write_failures).toBe(1);
    // _bulk_docs answers per document ({ error: 'forbidden', reason }), as CouchDB does; PouchDB keeps both.
    expect(refused.errors[0]).toMatchObject({ id: IMAGE_ID, name: 'forbidden', message: 'an annotator cannot edit a submitted image' });
    expect((await serverDoc(IMAGE_ID))._rev).toBe(stored._rev);

    // A reviewer's approval of the server's version replicates and is stored.
    const reviewer = openAs('rev');
    await reviewer.remote.replicate.to(reviewer.local);
    await update(reviewer.local, (doc) => ({ ...doc, status: 'approved' }));
    expect(await reviewer.local.replicate.to(reviewer.remote)).toMatchObject({ docs_written: 1, doc_write_failures: 0 });
    expect(await serverDoc(IMAGE_ID)).toMatchObject({ _rev: expect.stringMatching(/^3-/), status: 'approved' });
  });

  it('answers browsers of loopback and configured origins with credentials, and no others', async () => {
    const preflight = (origin: string) => fetch(`${server.url}/nuclei/_bulk_docs`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    for (const origin of ['http://127.0.0.1:4411', 'http://localhost:5173', 'https://lab.example.org']) {
      const answer = await preflight(origin);
      expect(answer.headers.get('access-control-allow-origin'), origin).toBe(origin);
      expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
      expect(answer.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    }
    expect((await preflight('https://elsewhere.example.com')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is set up again without change where nothing differs', async () => {
    const report = await setUpProject(server.url, { admin: ADMIN, db: 'nuclei', users: [USERS[0]] });
    expect(report).toEqual(['database _users exists', 'database nuclei exists', `design document ${DESIGN_DOC_ID} is current`, 'security: members are the roles annotator, reviewer', 'user ann (annotator) updated']);
    await expect(setUpProject(server.url, { admin: { name: 'admin', password: 'wrong' }, db: 'nuclei', users: [] })).rejects.toThrow(/refused \(401 .*\) \(are the admin name and password right\?\)/);
  });

  it('is prepared for another project by `npm run sync-setup`, which says what it did or why not', async () => {
    // Asynchronously: the server answers from this very process.
    const run = (...args: string[]) =>
      new Promise<{ status: number; stdout: string; stderr: string }>((done) =>
        execFile('npx', ['tsx', join(import.meta.dirname, 'setupMain.ts'), ...args], (error, stdout, stderr) => done({ status: error ? Number(error.code) : 0, stdout, stderr })),
      );
    const done = await run(server.url, '--admin', `${ADMIN.name}:${ADMIN.password}`, '--db', 'plate2', '--user', 'carl:carl-pw:reviewer');
    expect(done.stderr).toBe('');
    expect(done.stdout.trim().split('\n')).toEqual(['database _users exists', 'database plate2 created', `design document ${DESIGN_DOC_ID} created`, 'security: members are the roles annotator, reviewer', 'user carl (reviewer) created']);
    expect(done.status).toBe(0);
    const session = await (await fetch(`${server.url}/plate2`, { headers: { authorization: basic({ name: 'carl', password: 'carl-pw' }) } })).json();
    expect(session.db_name).toBe('plate2');

    const refused = await run(server.url, '--admin', 'admin:wrong');
    expect(refused.stderr).toMatch(/^sync-setup: PUT http:\/\/127\.0\.0\.1:\d+\/_users was refused \(401 unauthorized: .*\) \(are the admin name and password right\?\)\n$/);
    expect(refused.status).toBe(1);
    await expect(setUpProject('http://127.0.0.1:1', { admin: ADMIN, db: 'nuclei', users: [] })).rejects.toThrow(/^cannot reach http:\/\/127\.0\.0\.1:1 \(PUT \/_users\)/);
  });
});
