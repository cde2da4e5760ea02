import { defineConfig } from 'vitest/config';

// Relative base so `npm run build` output works from any static server path (or a sub-folder).
export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  worker: { format: 'es' },
  // React, react-dom and Konva alone are ~550 kB; the app is one screen, so one chunk is right.
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 800 },
  server: { port: 5173 },
  // Pre-bundled at start-up, so the first `npm start` does not reload the page when it meets them.
  optimizeDeps: { include: ['react', 'react/jsx-runtime', 'react-dom/client', 'react-konva', 'konva', 'zustand', 'idb', 'fflate', 'fast-png', 'tiff', 'jpeg-js'] },
  test: {
    include: ['src/**/*.test.ts', 'model/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
