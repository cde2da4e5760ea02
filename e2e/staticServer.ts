import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { BUILD_HEADERS } from '../scripts/securityHeaders';

/** The build the Playwright web server made (`vite build`, before any test runs). */
const DIST = resolve(import.meta.dirname, '../dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticServer {
  url: string;
  /** Changes sw.js as served from now on (a new version on the server). */
  rewriteServiceWorker(change: (code: string) => string): void;
  /** Stops the server and drops its open connections: nothing answers at `url` after this. */
  close(): Promise<void>;
}

/**
 * A server of the test's own for the built app, by default with the headers `vite preview` sends,
 * on a port the system picks: a test can stop it half-way (Playwright's web server runs for the
 * whole run).
 */
export async function serveBuild(headers: Record<string, string> = BUILD_HEADERS): Promise<StaticServer> {
  let changeWorker = (code: string) => code;
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url!, 'http://localhost').pathname);
    const file = join(DIST, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(DIST + sep) || !existsSync(file) || !statSync(file).isFile()) return void response.writeHead(404).end();
    const body = path === '/sw.js' ? changeWorker(readFileSync(file, 'utf8')) : readFileSync(file);
    response.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    rewriteServiceWorker(change) {
      changeWorker = change;
    },
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
