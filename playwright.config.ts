import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium';

/**
 * A port of the tests' own (not Vite's default), so they never test a server someone else started;
 * PW_PORT picks another when a second checkout runs its tests on the same machine.
 */
const PORT = Number(process.env.PW_PORT ?? 4391);

/** Browser tests run against the production build, served statically, as users get it. */
export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `npx vite build --logLevel warn && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    // Only when asked (PW_REUSE_SERVER=1, e.g. while writing a test against a running build).
    reuseExistingServer: process.env.PW_REUSE_SERVER === '1',
    timeout: 180_000,
  },
});
