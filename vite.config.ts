import { defineConfig } from 'vitest/config';

// Relative base so `npm run build` output works from any static server path (or a sub-folder).
export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { port: 5173 },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
