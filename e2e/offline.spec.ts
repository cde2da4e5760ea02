import { test as base, expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { drawPolygon, placement, waitUntilSaved } from './annotation';
import { DATASET, dropFiles, imageRows, realFile, screenshot, waitForShownImage } from './helpers';
import { watchSecurity } from './securityWatch';
import { serveBuild, type StaticServer } from './staticServer';

/** Each test serves the build from servers of its own, which it may stop half-way; all stop at its end. */
const test = base.extend<{ serve: typeof serveBuild }>({
  serve: async ({}, use) => {
    const servers: StaticServer[] = [];
    await use(async (headers) => {
      const server = await serveBuild(headers);
      servers.push(server);
      return server;
    });
    await Promise.all(servers.map((server) => server.close()));
  },
});

const IMAGE = 'MFGTMPcx7_170702000001_B23f07d0.png';

/** Waits until the service worker is active and serves this page. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
}

const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

/** What a reload must show: the image with its object, drawn and cross-origin isolated, served by the worker. */
async function expectProjectIntact(page: Page): Promise<void> {
  await expect(imageRows(page)).toHaveCount(4);
  await page.locator(`[data-testid="image-row"][data-name="${IMAGE}"]`).click();
  await waitForShownImage(page, IMAGE);
  await expect(page.getByTestId('object-count')).toHaveText('1');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

test('with its server gone the app opens from the service worker’s cache: the object is there, the model runs, the page stays cross-origin isolated', async ({ page, context, serve }) => {
  test.setTimeout(180_000);
  const server = await serve();
  const problems = await watchSecurity(page, new URL(server.url).origin);
  await page.goto(server.url);
  await expect(imageRows(page)).toHaveCount(3); // the demo project
  await waitForServiceWorker(page);
  expect(await cacheNames(page)).toHaveLength(1);
  // Installable: Chromium finds nothing wrong with the manifest, its icons or the worker (a test
  // browser's context is always incognito, which alone keeps it from installing).
  const { installabilityErrors } = await (await context.newCDPSession(page)).send('Page.getInstallabilityErrors');
  expect(installabilityErrors.map((error) => error.errorId)).toEqual(['in-incognito']);

  await dropFiles(page, [realFile(join(DATASET, 'dev', IMAGE))]);
  await page.locator(`[data-testid="image-row"][data-name="${IMAGE}"]`).click();
  await waitForShownImage(page, IMAGE);
  await page.keyboard.press('n');
  await drawPolygon(page, await placement(page), [[200, 200], [320, 210], [300, 330], [210, 310]]);
  await waitUntilSaved(page);

  await server.close();
  await expect(fetch(server.url)).rejects.toThrow(); // really gone
  const failed: string[] = [];
  page.on('requestfailed', (request) => failed.push(request.url()));
  await page.reload();
  await expectProjectIntact(page);

  // Offline too, and the model (its worker, onnxruntime's files, the weights) comes from the cache.
  await context.setOffline(true);
  await page.reload();
  await expectProjectIntact(page);
  await page.keyboard.press('Shift+D');
  await expect(page.getByTestId('proposal-count')).not.toHaveText('0', { timeout: 90_000 });
  expect(failed).toEqual([]);
  expect(problems).toEqual([]);
});

test('a new version waits while the page runs the old one, is announced, and takes over only when asked', async ({ page, serve }) => {
  const server = await serve();
  await page.goto(server.url);
  await expect(imageRows(page)).toHaveCount(3);
  await waitForServiceWorker(page);
  const [oldCache] = await cacheNames(page);

  // The server gets a new build: the same files but a new worker with its own version.
  const version = oldCache.replace('nuclei-annotator-', '');
  server.rewriteServiceWorker((code) => code.replace(`"version": "${version}"`, `"version": "${version}-next"`));
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  await expect(page.getByText('A new version is ready — reload to use it')).toBeVisible();
  const update = page.getByRole('button', { name: 'Reload to update' });
  await expect(update).toBeVisible();
  await screenshot(page, 'new-version-notice');

  // A plain reload keeps the running version (its tab still uses it) and says so again.
  await page.reload();
  await expect(imageRows(page)).toHaveCount(3);
  await expect(update).toBeVisible();
  expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting)).toBe(true);
  expect(await cacheNames(page)).toEqual(expect.arrayContaining([oldCache]));

  // Asked, the new version takes over, the page reloads onto it, and the old cache is gone.
  const reloaded = page.waitForEvent('load');
  await update.click();
  await reloaded;
  await expect(imageRows(page)).toHaveCount(3);
  await expect(update).toBeHidden();
  expect(await cacheNames(page)).toEqual([`${oldCache}-next`]);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});

test('from a server that sends no headers, the page is cross-origin isolated once the worker serves it', async ({ page, serve }) => {
  const plain = await serve({});
  await page.goto(plain.url);
  await expect(imageRows(page)).toHaveCount(3);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await waitForServiceWorker(page);
  await page.reload();
  await expect(imageRows(page)).toHaveCount(3);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});
