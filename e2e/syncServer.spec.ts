/**
 * The sync server Playwright starts (playwright.config.ts) answers, enforces the project's design
 * document over HTTP as CouchDB would, and lets a page of another loopback origin (as the app is) log in across
 * origins (CORS with credentials, cookie auth) in the real browser.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { basicAuth, createSyncProject, serverDoc, SYNC_URL } from './syncServer';

const ANN = { name: 'e2e-ann', password: 'ann-pw', role: 'annotator' as const };
const REV = { name: 'e2e-rev', password: 'rev-pw', role: 'reviewer' as const };
const HASH = '5e'.repeat(32);
const ID = `image:${HASH}`;

function imageDoc(status: string, objectIds: string[], rev?: string) {
  const objects = objectIds.map((id, z) => ({ id, version: 1, rings: [[z, 0, z + 4, 0, z + 4, 4]], z, label: 'nucleus', createdAt: 1, updatedAt: 1, author: ANN.name }));
  return { _id: ID, ...(rev ? { _rev: rev } : {}), type: 'image', hash: HASH, name: 'plate1_A01.png', width: 64, height: 64, status, statusHistory: [], objects, removed: {}, updatedAt: 1, updatedBy: ANN.name };
}

test('the sync server answers and refuses an annotator’s change to a submitted image with 403', async ({ request }) => {
  const welcome = await request.get(`${SYNC_URL}/`);
  expect(welcome.status()).toBe(200);
  expect(await welcome.json()).toMatchObject({ 'express-pouchdb-mode': 'fullCouchDB' });

  const project = await createSyncProject([ANN, REV]);
  const put = (user: { name: string; password: string }, doc: object) => request.put(`${project.url}/${ID}`, { headers: { authorization: basicAuth(user) }, data: doc });

  expect((await request.get(project.url)).status()).toBe(401);
  const submitted = await put(ANN, imageDoc('submitted', ['a', 'b']));
  expect(submitted.status()).toBe(201);
  const { rev } = (await submitted.json()) as { rev: string };

  const refused = await put(ANN, imageDoc('submitted', ['a'], rev));
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual({ error: 'forbidden', reason: 'an annotator cannot edit a submitted image' });
  expect(await serverDoc(project, ID)).toMatchObject({ _rev: rev, objects: [{ id: 'a' }, { id: 'b' }] });

  // The reviewer corrects in place and approves.
  const approved = await put(REV, imageDoc('approved', ['a'], rev));
  expect(approved.status()).toBe(201);
  expect(await serverDoc(project, ID)).toMatchObject({ status: 'approved', objects: [{ id: 'a' }] });
});

test('a page of another loopback origin logs in to the sync server and is held to the design document', async ({ page }) => {
  const project = await createSyncProject([ANN]);
  // A blank page served from loopback like the app (the app's own CSP admits only configured sync
  // origins; a page Playwright fulfils has no address, and Chromium then asks before it reaches loopback).
  const pageServer = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>sync probe</title><pre id="log"></pre>'));
  await new Promise<void>((done) => pageServer.listen(0, '127.0.0.1', done));
  try {
    await page.goto(`http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`);
    const outcome = await page.evaluate(
      async ({ server, db, id, user, doc }) => {
        const log = (line: string) => (document.getElementById('log')!.textContent += line + '\n');
        const session = await fetch(`${server}/_session`, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: user.name, password: user.password }) });
        log(`POST /_session as ${user.name}: ${session.status}`);
        const info = await fetch(db, { credentials: 'include' });
        log(`GET database with the session cookie: ${info.status}`);
        const created = await fetch(`${db}/${id}`, { method: 'PUT', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify(doc) });
        const { rev } = await created.json();
        log(`PUT submitted image: ${created.status}`);
        const changed = await fetch(`${db}/${id}`, { method: 'PUT', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...doc, _rev: rev, objects: [] }) });
        const refusal = await changed.json();
        log(`PUT objects removed: ${changed.status} ${refusal.reason}`);
        return { session: session.status, info: info.status, created: created.status, changed: changed.status, reason: refusal.reason };
      },
      { server: SYNC_URL, db: project.url, id: ID, user: ANN, doc: imageDoc('submitted', ['a']) },
    );
    await page.screenshot({ path: 'screenshots/sync-server-probe.png' });
    expect(outcome).toEqual({ session: 200, info: 200, created: 201, changed: 403, reason: 'an annotator cannot edit a submitted image' });
  } finally {
    pageServer.close();
  }
});
