import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { drawPolygon, placement, screenPoint, storedObjects, waitUntilSaved, type Placement } from './annotation';
import { DATASET, dropFiles, openEmptyProject, realFile, screenshot, waitForShownImage } from './helpers';

const IMAGE = 'MFGTMPcx7_170702000001_B23f07d0.png';
const FIRST = [[300, 300], [380, 300], [380, 360], [300, 360]];
const SECOND = [[500, 500], [580, 500], [580, 560], [500, 560]];

interface Tab {
  page: Page;
  p: Placement;
}

async function press(tab: Tab, x: number, y: number) {
  const point = screenPoint(tab.p, x, y);
  await tab.page.mouse.move(point.sx, point.sy);
  await tab.page.mouse.down();
}

async function moveTo(tab: Tab, x: number, y: number) {
  const point = screenPoint(tab.p, x, y);
  await tab.page.mouse.move(point.sx, point.sy, { steps: 6 });
}

async function drag(tab: Tab, from: number[], to: number[]) {
  await press(tab, from[0], from[1]);
  await moveTo(tab, to[0], to[1]);
  await tab.page.mouse.up();
}

/** Top-left corner of the first-drawn object as stored (it shows every move). */
async function firstCorner(page: Page): Promise<number[]> {
  const [first] = await storedObjects(page); // bottom to top: the first drawn
  const ring = first.rings[0];
  return [Math.min(...ring.filter((_, i) => i % 2 === 0)), Math.min(...ring.filter((_, i) => i % 2 === 1))];
}

/** Within the screen-pixel rounding of a drag at this zoom. */
const near = (actual: number[], expected: number[]) => actual.every((value, i) => Math.abs(value - expected[i]) < 3);

const count = (page: Page) => page.getByTestId('object-count');
const listCount = (page: Page) => page.getByTestId('image-object-count');

test('two tabs on one project: each sees the other draw and move live; a move of the same object in both asks which to keep; nothing is lost across reloads', async ({ context }) => {
  test.setTimeout(120_000);
  const a: Tab = { page: await context.newPage(), p: null! };
  await openEmptyProject(a.page);
  await dropFiles(a.page, [realFile(join(DATASET, 'dev', IMAGE))]);
  await waitForShownImage(a.page, IMAGE);
  const b: Tab = { page: await context.newPage(), p: null! };
  await b.page.goto('/');
  await waitForShownImage(b.page, IMAGE);
  a.p = await placement(a.page);
  b.p = await placement(b.page);

  // Drawn in A, seen in B; drawn in B, seen in A, with the image list's count from storage.
  await a.page.keyboard.press('n');
  await drawPolygon(a.page, a.p, FIRST);
  await waitUntilSaved(a.page);
  await expect(count(b.page)).toHaveText('1');
  await b.page.keyboard.press('n');
  await drawPolygon(b.page, b.p, SECOND);
  await waitUntilSaved(b.page);
  await expect(count(a.page)).toHaveText('2');
  await expect(listCount(a.page)).toHaveText('2 objects');
  await expect(listCount(b.page)).toHaveText('2 objects');
  for (const tab of [a, b]) {
    await tab.page.keyboard.press('Escape');
    await tab.page.keyboard.press('Escape');
  }

  // A moves the first object 20 px right; B, which was shown that move, moves it 20 px down on
  // top of it: no conflict, both moves are in storage.
  await drag(a, [340, 330], [360, 330]);
  await waitUntilSaved(a.page);
  await expect.poll(async () => near(await firstCorner(a.page), [320, 300])).toBe(true);
  await expect(b.page.getByTestId('notice').filter({ hasText: 'changed in another tab' })).toBeVisible();
  await drag(b, [360, 330], [360, 350]);
  await waitUntilSaved(b.page);
  expect(near(await firstCorner(b.page), [320, 320]), 'moved right by A, then down by B').toBe(true);
  await expect(b.page.getByTestId('conflict')).toHaveCount(0);

  // Both move it at once: B holds it mid-drag while A moves it left and saves; B drops it.
  await press(b, 360, 350);
  await moveTo(b, 360, 380);
  await drag(a, [360, 350], [300, 350]);
  await waitUntilSaved(a.page);
  await moveTo(b, 360, 400);
  await b.page.mouse.up();
  await expect(b.page.getByTestId('conflict')).toHaveCount(1);
  await expect(b.page.getByTestId('save-state')).toHaveText('1 conflicting change to resolve');
  await expect.poll(async () => near(await firstCorner(b.page), [260, 320]), 'A’s move stays stored until B chooses').toBe(true);
  await screenshot(b.page, 'two-tabs-conflict');

  // The choice survives a reload of B (both versions kept), then B keeps its own; A is shown it.
  await b.page.reload();
  await waitForShownImage(b.page, IMAGE);
  await expect(b.page.getByTestId('conflict')).toHaveCount(1);
  await b.page.getByTestId('conflict').getByRole('button', { name: 'Keep mine' }).click();
  await waitUntilSaved(b.page);
  await expect(b.page.getByTestId('conflict')).toHaveCount(0);
  await expect.poll(async () => near(await firstCorner(a.page), [320, 370])).toBe(true);
  await expect(a.page.getByTestId('notice').filter({ hasText: 'changed in another tab' })).toBeVisible();

  // A's undo does not silently revert what B did to that object (those steps were dropped).
  await a.page.keyboard.press('Control+z');
  await a.page.keyboard.press('Control+z');
  await waitUntilSaved(a.page);
  const final = await storedObjects(a.page);
  expect(final).toHaveLength(2);
  expect(near(await firstCorner(a.page), [320, 370])).toBe(true);

  // Both reloaded: the same two objects, the count from storage.
  for (const tab of [a, b]) {
    await tab.page.reload();
    await waitForShownImage(tab.page, IMAGE);
    await expect(count(tab.page)).toHaveText('2');
    await expect(listCount(tab.page)).toHaveText('2 objects');
  }
  expect(await storedObjects(b.page)).toEqual(final);
});
