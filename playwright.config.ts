import { defineConfig } from '@playwright/test';
import { APP_PORT as PORT, SYNC_PORT } from './e2e/ports';
import { SYNC_ADMIN, SYNC_URL } from './e2e/syncServer';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium';

// The build admits the test sync server (connect-src and the app's own check); set here so the
// build, the preview's headers and the tests' expected policy (e2e/security.spec.ts) all agree.
process.env.SYNC_ORIGINS = SYNC_URL;

// Only when asked (PW_REUSE_SERVER=1, e.g. while writing a test against a running build).
const reuseExistingServer = process.env.PW_REUSE_SERVER === '1';

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
  webServer: [
    {
      command: `npx vite build --logLevel warn && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer,
      timeout: 180_000,
    },
    {
      // The dev sync server (e2e/syncServer.ts) on LevelDB in a fresh folder, removed when it stops.
      command: `d=$(mktemp -d) && trap 'rm -rf "$d"' EXIT && trap 'exit 143' TERM INT && npx tsx src/server/main.ts --data "$d" --port ${SYNC_PORT} --admin ${SYNC_ADMIN.name}:${SYNC_ADMIN.password}`,
      url: `${SYNC_URL}/`,
      reuseExistingServer,
      timeout: 60_000,
      // Playwright signals its process group (by the pid it started); the server closes on SIGTERM.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
  ],
});
