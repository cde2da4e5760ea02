/**
 * The headers the app is served with, defined once: the dev and preview servers send them
 * (vite.config.ts), the build writes the policy into index.html, the service worker serves its
 * cached files with them (scripts/offlineCache.ts), and so does the browser tests' own server.
 */
import type { Plugin } from 'vite';

/** Cross-origin isolation: SharedArrayBuffer, so the nucleus model runs on WASM threads. */
export const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/**
 * Origins the app may send requests to besides its own: the sync servers (CouchDB) this build
 * admits, given at build time as SYNC_ORIGINS (space- or comma-separated, e.g.
 * `SYNC_ORIGINS=https://couch.example.org npm run build`). A CouchDB proxied under the app's own
 * origin needs none. The app itself refuses, by name, a database URL on another origin
 * (io/sync/connection.ts, from the same list through vite.config.ts), rather than let the
 * browser block it silently.
 */
export const CONNECT_ORIGINS: string[] = (process.env.SYNC_ORIGINS ?? '')
  .split(/[\s,]+/)
  .filter(Boolean)
  .map((origin) => new URL(origin).origin);

/** The Content-Security-Policy: everything from the app's own origin, nothing inline. */
const POLICY: Record<string, string[]> = {
  'default-src': ["'self'"],
  // The bundles, workers and onnxruntime's `ort/` module; no inline script, no eval. WebAssembly
  // compilation (the model's runtime, in its worker) needs 'wasm-unsafe-eval'.
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  // Workers are started from the app's own files (no blob: workers), the service worker too.
  'worker-src': ["'self'"],
  // One stylesheet file. React and Konva set styles through the CSSOM (element.style), which CSP
  // does not restrict; no style attributes or <style> elements, so no 'unsafe-inline'.
  'style-src': ["'self'"],
  // Images are drawn into canvases from decoded pixels; only the icons are image files.
  'img-src': ["'self'"],
  'connect-src': ["'self'", ...CONNECT_ORIGINS],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
};

const serialize = (policy: Record<string, string[]>) =>
  Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');

/** For index.html's meta tag, which browsers ignore frame-ancestors in (with a console warning). */
export const CSP_META = serialize(POLICY);
/** As a header it can also forbid framing the app (clickjacking). */
export const CSP_HEADER = serialize({ ...POLICY, 'frame-ancestors': ["'none'"] });

/** What the built app is served with: by `vite preview`, from the service worker's cache, by the tests' server. */
export const BUILD_HEADERS = { ...ISOLATION, 'Content-Security-Policy': CSP_HEADER };

/**
 * Vite plugin: the policy as a meta tag in the built index.html, so it holds on any static host.
 * Build only: the dev server's hot reloading injects <style> elements, which the policy forbids.
 */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    // First in <head>: a meta policy governs only what comes after it.
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META }, injectTo: 'head-prepend' }],
  };
}
