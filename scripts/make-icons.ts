/**
 * Draws the app's install icons (public/icons/icon-<size>.png, named in public/manifest.webmanifest)
 * from public/favicon.svg, rendered by the browser the tests use. Run after changing the favicon:
 * `npx tsx scripts/make-icons.ts`.
 */
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from './chromium';

const PUBLIC = resolve(import.meta.dirname, '../public');
const ICON_SIZES = [192, 512];

const svg = readFileSync(resolve(PUBLIC, 'favicon.svg')).toString('base64');
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
for (const size of ICON_SIZES) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<body style="margin:0"><img src="data:image/svg+xml;base64,${svg}" width="${size}" height="${size}"></body>`);
  await page.screenshot({ path: resolve(PUBLIC, `icons/icon-${size}.png`), omitBackground: true });
  await page.close();
}
await browser.close();
