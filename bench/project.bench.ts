// A project of 1,000 images (1104 x 1104, 50 objects each, seeded straight into IndexedDB) in the
// built app, headless Chromium: start of the app to the list shown and to the last image shown,
// switching images (click to pixels and objects shown), scrolling the whole list, opening the
// dashboard. Reference, in the same run and page: the same with 10 images.
import type { Page } from '@playwright/test';
import { seedProject, seededName, SEED_OBJECTS } from '../e2e/seedProject';
import { withApp } from './browser';
import { median, row, type Row } from './stats';

const SIZES = [10, 1000];
const STARTS = 3;
const SWITCHES = 10;

interface Figures {
  listShown: number;
  imageShown: number;
  switchMs: number[];
  scrollLongestTask: number;
  dashboardRows: number;
  dashboardDetails: number;
}

/** Reloads and times the start: to the first list row and to the reopened image drawn (ms from navigation). */
async function timeStart(page: Page): Promise<{ listShown: number; imageShown: number }> {
  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-testid="image-row"]'), null, { polling: 'raf' });
  const listShown = await page.evaluate(() => performance.now());
  await page.locator('[data-testid="viewer"][data-shown-image]:not([data-shown-image=""])').waitFor();
  const imageShown = await page.evaluate(() => performance.getEntriesByName('image-shown')[0].startTime);
  return { listShown, imageShown };
}

/** Clicks a row and returns the in-page time until its pixels were drawn; checks its objects are there. */
async function timeSwitch(page: Page, name: string): Promise<number> {
  await page.evaluate(() => performance.clearMarks());
  await page.locator(`[data-testid="image-row"][data-name="${name}"]`).click();
  await page.locator(`[data-testid="viewer"][data-shown-image="${name}"]`).waitFor();
  const count = await page.getByTestId('object-count').textContent();
  if (count !== String(SEED_OBJECTS)) throw new Error(`${name} was shown with ${count} objects, not ${SEED_OBJECTS}`);
  return page.evaluate(() => performance.getEntriesByName('image-shown').at(-1)!.startTime - performance.getEntriesByName('image-open-requested').at(-1)!.startTime);
}

/** Wheels the list from top to bottom; the longest task meanwhile (ms). Checks the last row came into view. */
async function scrollLongestTask(page: Page, count: number): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => (w.longest = Math.max(w.longest, entry.duration)))).observe({ type: 'longtask' });
  });
  const box = (await page.locator('.image-scroller').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const last = page.locator(`[data-testid="image-row"][data-name="${seededName(count)}"]`);
  for (let i = 0; i < 100 && !(await last.isVisible()); i++) {
    await page.mouse.wheel(0, 1000);
    await page.evaluate(() => new Promise(requestAnimationFrame));
  }
  if (!(await last.isVisible())) throw new Error(`scrolling never showed ${seededName(count)}`);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200))); // tasks after the last wheel
  const top = await page.locator('.image-scroller').evaluate((element) => element.scrollTop);
  if (count > 20 && top === 0) throw new Error('the list did not scroll');
  return page.evaluate(() => (window as unknown as { longest: number }).longest);
}

/** Opens the dashboard: ms to its rows shown (those in view; the counts cover all) and to the open issues and corrections filled in. */
async function timeDashboard(page: Page, count: number): Promise<{ rows: number; details: number }> {
  const start = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Dashboard' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="dashboard-row"]'), null, { polling: 'raf' });
  const rows = (await page.evaluate(() => performance.now())) - start;
  const counted = await page.locator('.status-counts [data-testid^="count-"]:not([data-testid="count-open-issues"])').evaluateAll((cells) => cells.reduce((n, cell) => n + Number(cell.textContent!.trim().split(' ').at(-1)), 0));
  if (counted !== count) throw new Error(`the dashboard counts ${counted} images, not ${count}`);
  await page.waitForFunction(() => !document.querySelector('[data-testid="count-open-issues"]')?.textContent?.includes('…') && !document.querySelector('[data-testid="submission-f1"]')?.textContent?.includes('…'), null, { polling: 'raf', timeout: 60_000 });
  const details = (await page.evaluate(() => performance.now())) - start;
  await page.getByTestId('dashboard').getByRole('button', { name: 'Close' }).click();
  return { rows, details };
}

async function measure(page: Page, count: number): Promise<Figures> {
  await seedProject(page, count);
  const starts = [];
  for (let i = 0; i < STARTS; i++) starts.push(await timeStart(page));
  const switchMs: number[] = [];
  await timeSwitch(page, seededName(3)); // warm-up (image 1 is open after the start)
  for (let i = 0; i < SWITCHES; i++) switchMs.push(await timeSwitch(page, seededName(2 + (i % Math.min(count - 1, 9)))));
  const dashboard = await timeDashboard(page, count);
  return {
    listShown: median(starts.map((s) => s.listShown)),
    imageShown: median(starts.map((s) => s.imageShown)),
    switchMs,
    scrollLongestTask: await scrollLongestTask(page, count),
    dashboardRows: dashboard.rows,
    dashboardDetails: dashboard.details,
  };
}

export function benchProject(): Promise<Row[]> {
  return withApp(async (page) => {
    const [small, large] = [await measure(page, SIZES[0]), await measure(page, SIZES[1])];
    const ref = (value: number) => ({ name: `${SIZES[0]} images`, value });
    const n = SIZES[1];
    return [
      row(`${n} images: app start to the image list shown`, large.listShown, 'ms', { max: 2000 }, ref(small.listShown)),
      row(`${n} images: app start to the last open image drawn`, large.imageShown, 'ms', { max: 2000 }, ref(small.imageShown)),
      row(`${n} images: switch image (click to pixels and ${SEED_OBJECTS} objects shown), median`, median(large.switchMs), 'ms', { max: 300 }, ref(median(small.switchMs)), large.switchMs),
      row(`${n} images: longest task (of those over 50 ms; 0: none) while wheeling the list from top to bottom`, large.scrollLongestTask, 'ms', { max: 50 }, ref(small.scrollLongestTask)),
      row(`${n} images: dashboard opened to its rows shown`, large.dashboardRows, 'ms', { max: 500 }, ref(small.dashboardRows)),
      row(`${n} images: dashboard opened to issues and corrections filled in`, large.dashboardDetails, 'ms', { max: 2000 }, ref(small.dashboardDetails)),
    ];
  });
}
