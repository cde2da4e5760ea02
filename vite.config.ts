import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { offlineCache } from './scripts/offlineCache.ts';
import { onnxRuntimeFiles } from './scripts/onnxRuntimeFiles.ts';
import { BUILD_HEADERS, CONNECT_ORIGINS, contentSecurityPolicy, ISOLATION } from './scripts/securityHeaders.ts';

// Relative base so `npm run build` output works from any static server path (or a sub-folder).
export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  // The sync origins the Content-Security-Policy admits, for the app to check a URL against.
  define: { __SYNC_ORIGINS__: JSON.stringify(CONNECT_ORIGINS) },
  // The build also gets its Content-Security-Policy and the service worker that caches it for offline use.
  plugins: [onnxRuntimeFiles(), contentSecurityPolicy(), offlineCache(BUILD_HEADERS)],
  // onnxruntime-web's build that loads its WASM runtime from `ort/` (see scripts/onnxRuntimeFiles.ts).
  resolve: { conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions] },
  worker: { format: 'es', plugins: () => [onnxRuntimeFiles()] },
  // React, react-dom and Konva alone are ~550 kB; the app is one screen, so one chunk is right.
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 800 },
  // Cross-origin isolation lets the nucleus model run on WASM threads (SharedArrayBuffer); the app
  // loads nothing from other origins, so nothing breaks. The dev server sends no CSP: hot reloading
  // injects <style> elements.
  server: { port: 5173, headers: ISOLATION },
  preview: { headers: BUILD_HEADERS },
  // Pre-bundled at start-up, so the first `npm start` does not reload the page when it meets them.
  optimizeDeps: { include: ['react', 'react/jsx-runtime', 'react-dom/client', 'react-konva', 'konva', 'zustand', 'idb', 'fflate', 'fast-png', 'tiff', 'jpeg-js'] },
  test: {
    include: ['src/**/*.test.ts', 'model/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
