/// <reference lib="webworker" />
/**
 * The service worker that keeps the app working with its server gone. It is built into `sw.js`
 * by scripts/offlineCache.ts, which writes in the build's file list and version. Every file of
 * the build is cached on install and served cache-first. A new version installs beside the
 * running one and waits until the page asks it to take over (io/offline.ts), so a page never
 * runs on files of two versions.
 */

/** What the build writes into the worker. */
export interface OfflineBuild {
  /** Hash of every file's name and contents: a new build with any change is a new version. */
  version: string;
  /** Every file of the build, relative to sw.js. */
  files: string[];
  /** Set on every cached response, whatever the server sent (cross-origin isolation, CSP). */
  headers: Record<string, string>;
}

/** The page's message that lets a waiting version take over (a type only: the page must not import this file). */
export type TakeOver = 'take-over';

declare const self: ServiceWorkerGlobalScope;
declare const __OFFLINE_BUILD__: OfflineBuild;

const BUILD = __OFFLINE_BUILD__;
const CACHE_PREFIX = 'nuclei-annotator-';
const CACHE = `${CACHE_PREFIX}${BUILD.version}`;

const urlOf = (file: string) => new URL(file, self.registration.scope).href;
const PRECACHED = new Set(BUILD.files.map(urlOf));
/** The app is one page: a navigation to its folder gets index.html. */
const INDEX = urlOf('index.html');

/** The cached copy: the body and its type, with the app's headers. */
function servable(response: Response): Response {
  const headers = new Headers(BUILD.headers);
  headers.set('Content-Type', response.headers.get('Content-Type') ?? 'application/octet-stream');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  await Promise.all(
    [...PRECACHED].map(async (url) => {
      // Past the HTTP cache: an older copy of a file without a hashed name (index.html) would mix versions.
      const response = await fetch(url, { cache: 'reload' });
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      await cache.put(url, servable(response));
    }),
  );
}

async function dropOtherVersions(): Promise<void> {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
}

self.addEventListener('install', (event) => event.waitUntil(precache()));

self.addEventListener('activate', (event) =>
  // claim(): on the first install, the page already open (loaded from the network, this same build) works offline at once.
  event.waitUntil(dropOtherVersions().then(() => self.clients.claim())),
);

self.addEventListener('message', (event) => {
  if (event.data === ('take-over' satisfies TakeOver)) void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  const key = request.mode === 'navigate' && url.origin + url.pathname === self.registration.scope ? INDEX : url.href;
  if (request.method !== 'GET' || !PRECACHED.has(key)) return; // not the app's own file: the network, as without a worker
  event.respondWith(caches.match(key, { cacheName: CACHE }).then((cached) => cached ?? fetch(request)));
});
