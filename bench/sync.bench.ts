// Sync at scale: a project of 1,000 images x 100 objects on the dev sync server (in memory, on
// loopback), replicated to a fresh browser whose project has the same 1,000 images: the time
// until the app's storage holds every object, and the time one edit made on the server takes to
// appear in the open image. Reference, in the same run: bare PouchDB (Node, memory adapter)
// replicating the same documents from the same server, and receiving the same edit.
import type { Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { testImageRecord } from '../src/core/testing/imageRecord';
import type { AnnotationObject } from '../src/core/objects';
import type { ImageRecord } from '../src/core/project';
import { imageDocOf, type ImageDoc } from '../src/core/sync/docs';
import { Pouch } from '../src/server/pouch';
import { startSyncServer } from '../src/server/syncServer';
import { withApp } from './browser';
import { median, row, type Row } from './stats';

const PORT = 5996;
const SERVER = `http://127.0.0.1:${PORT}`;
// The build the runner makes (and the preview's policy) must admit the bench's server.
process.env.SYNC_ORIGINS = [process.env.SYNC_ORIGINS, SERVER].filter(Boolean).join(' ');

/** SYNC_BENCH_IMAGES: a smaller project for a quick look (the figures judged are the 1,000 images'). */
const IMAGES = Number(process.env.SYNC_BENCH_IMAGES ?? 1000);
const OBJECTS = 100;
const EDITS = 5;
const ADMIN = { name: 'admin', password: 'bench-admin' };
const USER = { name: 'bench', password: 'bench-pw', role: 'reviewer' as const };
/** Full sync may take this many times the bare replication (the app also stores every object and merges every image). */
const FULL_SYNC_FACTOR = 3;
const EDIT_TARGET_MS = 1000;

const hashOf = (i: number) => createHash('sha256').update(`bench image ${i}`).digest('hex');
const basicAuth = ({ name, password }: { name: string; password: string }) => `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;

/** A nucleus-like 16-gon, as an annotator draws one. */
function nucleus(image: number, n: number, at: number): AnnotationObject {
  const cx = 20 + (n % 10) * 50;
  const cy = 20 + Math.floor(n / 10) * 50;
  const ring = Array.from({ length: 16 }, (_, k) => [cx + 15 * Math.cos((k * Math.PI) / 8) + ((image + k) % 3) * 0.25, cy + 12 * Math.sin((k * Math.PI) / 8)]).flat();
  return { id: `o${image}-${n}`, version: 1, rings: [ring], z: n, label: 'nucleus', createdAt: at, updatedAt: at, author: 'seed' };
}

function record(i: number): ImageRecord {
  return testImageRecord({ id: `bench-${i}`, name: `bench_${String(i).padStart(4, '0')}.png`, contentHash: hashOf(i), width: 512, height: 512, order: i });
}

/** The server's documents: every image annotated by someone else (in progress). */
function seedDocs(): ImageDoc[] {
  const annotated = (i: number) => ({ ...record(i), status: 'in progress' as const, statusHistory: [{ status: 'in progress' as const, by: 'seed', role: 'annotator' as const, at: 1000 }] });
  return Array.from({ length: IMAGES }, (_, i) => imageDocOf(annotated(i), hashOf(i), { objects: Array.from({ length: OBJECTS }, (_, n) => nucleus(i, n, 1000 + i)), removed: {} }, 'seed', 1000));
}

async function request(method: string, path: string, body?: unknown, who = ADMIN): Promise<{ rev?: string; [key: string]: unknown }> {
  const response = await fetch(`${SERVER}/${path}`, { method, headers: { authorization: basicAuth(who), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { rev?: string };
}

/** The project's 1,000 image records (and the first one's pixels, as it opens at start) written into the app's storage, then the app reloaded. */
async function seedProject(page: Page): Promise<void> {
  const records = Array.from({ length: IMAGES }, (_, i) => record(i));
  await page.evaluate(async (images) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('nuclei-annotator');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(['images', 'pixels'], 'readwrite');
    for (const image of images) tx.objectStore('images').put({ ...image, thumbnail: { ...image.thumbnail, data: new Uint8Array(1) } });
    tx.objectStore('pixels').put({ id: images[0].id, display: { width: 512, height: 512, channels: 1, bitDepth: 8, data: new Uint8Array(512 * 512) }, original: null });
    await new Promise((done, fail) => {
      tx.oncomplete = done;
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  }, records);
  await page.reload();
  await page.getByTestId('image-row').first().waitFor();
  await page.locator(`[data-testid="viewer"][data-shown-image="${records[0].name}"]`).waitFor();
}

const storedObjectCount = (page: Page) =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('nuclei-annotator');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const count = await new Promise<number>((resolve) => {
      const request = db.transaction('objects').objectStore('objects').count();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return count;
  });

/** Connects through the dialog; resolves with the milliseconds until every object is in the app's storage and the status bar says synced. */
async function timeFullSync(page: Page, url: string): Promise<number> {
  await page.getByTestId('sync-state').click();
  const dialog = page.getByTestId('sync-dialog');
  await dialog.getByLabel('Database URL').fill(url);
  await dialog.getByLabel('User').fill(USER.name);
  await dialog.getByLabel('Password').fill(USER.password);
  const start = Date.now();
  await dialog.getByRole('button', { name: 'Connect' }).click();
  const deadline = start + 20 * 60_000;
  let reported = start;
  for (let stored = 0; stored < IMAGES * OBJECTS || (await page.getByTestId('sync-state').textContent()) !== 'Synced'; stored = await storedObjectCount(page)) {
    if (Date.now() > deadline) throw new Error(`the app did not finish syncing in 20 minutes (${stored} of ${IMAGES * OBJECTS} objects stored)`);
    if (Date.now() - reported > 10_000) {
      reported = Date.now();
      console.log(`  sync: ${stored} of ${IMAGES * OBJECTS} objects stored after ${Math.round((reported - start) / 1000)} s`);
    }
    await page.waitForTimeout(200);
  }
  return Date.now() - start;
}

/** Adds one object to image 0 on the server, as another user would; returns when (Date.now()) it was sent. */
async function editOnServer(db: string, k: number): Promise<number> {
  const id = `image:${hashOf(0)}`;
  const doc = (await request('GET', `${db}/${encodeURIComponent(id)}`)) as unknown as ImageDoc & { _rev: string };
  const edited = { ...doc, objects: [...doc.objects, { ...nucleus(0, 0, Date.now()), id: `edit-${k}`, author: 'other' }].sort((a, b) => (a.id < b.id ? -1 : 1)), updatedAt: Date.now() };
  const sent = Date.now();
  await request('PUT', `${db}/${encodeURIComponent(id)}`, edited, USER);
  return sent;
}

/** One edit on the server until the open image's object count in the app shows it. */
async function timeEditInApp(page: Page, db: string, k: number): Promise<number> {
  const expected = String(Number(await page.getByTestId('object-count').textContent()) + 1);
  const seen = page.evaluate(
    (want) =>
      new Promise<number>((resolve) => {
        const check = () => document.querySelector('[data-testid="object-count"]')?.textContent === want;
        const observer = new MutationObserver(() => {
          if (!check()) return;
          observer.disconnect();
          resolve(Date.now());
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      }),
    expected,
  );
  await page.waitForTimeout(100); // the observer is in place
  const sent = await editOnServer(db, k);
  return (await seen) - sent;
}

/** Bare PouchDB in Node: the same documents from the same server, then live, the same kind of edit. */
async function reference(db: string): Promise<{ full: number; edits: number[] }> {
  // The dev server's typings cover `replicate.to` only; `from` is the same replication the other way.
  type Pulling = { replicate: { from(remote: unknown, options: object): Promise<unknown> & { on(event: 'change', listener: () => void): void; cancel(): void } } };
  const remote = new Pouch(`${SERVER}/${db}`, { skip_setup: true, auth: { username: USER.name, password: USER.password } });
  const local = new Pouch(`bench-reference-${Date.now()}`, { adapter: 'memory' });
  const pulling = local as unknown as Pulling;
  const start = Date.now();
  await pulling.replicate.from(remote, { batch_size: 100 });
  const full = Date.now() - start;
  const live = pulling.replicate.from(remote, { live: true, retry: true });
  const edits: number[] = [];
  for (let k = 1; k <= EDITS; k++) {
    const arrived = new Promise<number>((resolve) => live.on('change', () => resolve(Date.now())));
    const sent = await editOnServer(db, 1000 + k);
    edits.push((await arrived) - sent);
  }
  live.cancel();
  await local.destroy();
  return { full, edits };
}

export async function benchSync(): Promise<Row[]> {
  const db = 'bench';
  const server = await startSyncServer({ dataDir: null, host: '127.0.0.1', port: PORT, admin: ADMIN, db, users: [USER], origins: [] });
  try {
    const docs = seedDocs();
    for (let i = 0; i < docs.length; i += 100) await request('POST', `${db}/_bulk_docs`, { docs: docs.slice(i, i + 100) });
    const bare = await reference(db);
    console.log(`  bare replication: ${bare.full} ms; edits ${bare.edits.join(', ')} ms`);
    const app = await withApp(async (page) => {
      await seedProject(page);
      const full = await timeFullSync(page, `${SERVER}/${db}`);
      const edits: number[] = [];
      for (let k = 1; k <= EDITS; k++) edits.push(await timeEditInApp(page, db, k));
      return { full, edits };
    });
    return [
      row(`full sync of ${IMAGES} images x ${OBJECTS} objects into the app (storage filled)`, app.full, 'ms', { max: FULL_SYNC_FACTOR * bare.full }, { name: 'bare PouchDB replication (Node, memory)', value: bare.full }),
      row('one edit on the server until the open image shows it', median(app.edits), 'ms', { max: EDIT_TARGET_MS }, { name: 'bare PouchDB live replication', value: median(bare.edits) }, app.edits),
    ];
  } finally {
    await server.close();
  }
}
