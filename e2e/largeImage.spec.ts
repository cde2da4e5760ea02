import { expect, test, type Page } from '@playwright/test';
import { decode } from 'fast-png';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePng } from '../src/core/formats/png';
import { drawPolygon, placement, waitUntilSaved } from './annotation';
import { openEmptyProject, screenshot, waitForShownImage } from './helpers';
import { exportFile, pixelsInside, pixelsOfColor, rgbPixels } from './masks';

const WIDTH = 17000, HEIGHT = 3000; // wider than any canvas may be (16384 px)
/** A bright square near the far corner, past the canvas limit: x 16500..16699, y 2600..2799. */
const MARK = { x: 16500, y: 2600, size: 200 };

/** 8-bit grey: a checkerboard of 256-px squares (40 and 90) with the bright mark (250). */
function value(x: number, y: number): number {
  if (x >= MARK.x && x < MARK.x + MARK.size && y >= MARK.y && y < MARK.y + MARK.size) return 250;
  return ((x >> 8) + (y >> 8)) % 2 ? 90 : 40;
}

function largePng(): string {
  const data = new Uint8Array(WIDTH * HEIGHT);
  for (let y = 0, i = 0; y < HEIGHT; y++) for (let x = 0; x < WIDTH; x++) data[i++] = value(x, y);
  const path = join(mkdtempSync(join(tmpdir(), 'large-')), 'stitched-well.png');
  writeFileSync(path, encodePng({ width: WIDTH, height: HEIGHT, channels: 1, bitDepth: 8, data }));
  return path;
}

/** The grey level the viewer shows at an image point (read from a screenshot of that screen pixel). */
async function shownGrey(page: Page, ix: number, iy: number): Promise<number> {
  const p = await placement(page);
  const shot = await page.screenshot({ clip: { x: Math.round(p.originX + ix * p.zoom), y: Math.round(p.originY + iy * p.zoom), width: 1, height: 1 } });
  return decode(shot).data[0];
}

test('an image wider than a canvas opens as tiles, pans to its far corner, is outlined there and exports the exact mask', async ({ page }) => {
  test.setTimeout(240_000);
  const file = largePng();
  await openEmptyProject(page);
  await page.locator('header').getByTestId('file-input').setInputFiles(file);
  await waitForShownImage(page, 'stitched-well.png');
  const viewer = page.getByTestId('viewer');
  await expect(viewer).toHaveAttribute('data-tiles-missing', '0');
  await screenshot(page, 'large-image-fitted');

  // Zoom in with the wheel on the mark, as a user would, until pixels are 1:1 or larger.
  for (let p = await placement(page); p.zoom < 1; p = await placement(page)) {
    await page.mouse.move(p.originX + (MARK.x + 100) * p.zoom, p.originY + (MARK.y + 100) * p.zoom);
    await page.mouse.wheel(0, -300);
    await expect.poll(async () => (await placement(page)).zoom).toBeGreaterThan(p.zoom);
  }
  // Then drag it to the middle with the middle button (panning).
  const box = (await viewer.boundingBox())!;
  const at = await placement(page);
  await page.mouse.move(at.originX + (MARK.x + 100) * at.zoom, at.originY + (MARK.y + 100) * at.zoom);
  await page.mouse.down({ button: 'middle' });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up({ button: 'middle' });
  const moved = await placement(page);
  expect(moved.originX + (MARK.x + 100) * moved.zoom).toBeCloseTo(box.x + box.width / 2, 0);
  await expect(viewer).toHaveAttribute('data-tiles-missing', '0');
  await screenshot(page, 'large-image-far-corner');
  expect(await shownGrey(page, MARK.x + 100, MARK.y + 100)).toBe(250);
  expect(await shownGrey(page, MARK.x - 20, MARK.y + 100)).toBe(value(MARK.x - 20, MARK.y + 100));
  expect(await shownGrey(page, MARK.x + 100, MARK.y - 20)).toBe(value(MARK.x + 100, MARK.y - 20));

  await page.keyboard.press('n');
  const p = await placement(page);
  const ring = await drawPolygon(page, p, [[MARK.x + 20, MARK.y + 20], [MARK.x + 180, MARK.y + 30], [MARK.x + 150, MARK.y + 170], [MARK.x + 30, MARK.y + 150]]);
  await waitUntilSaved(page);
  await screenshot(page, 'large-image-outlined');

  const { name, bytes } = await exportFile(page, /_objects\.png/, 'Export this image');
  expect(name).toBe('stitched-well_objects.png');
  const mask = rgbPixels(bytes);
  expect([mask.width, mask.height]).toEqual([WIDTH, HEIGHT]);
  const expected = pixelsInside(ring, WIDTH);
  const colour = mask.colors[(MARK.y + 90) * WIDTH + MARK.x + 90];
  expect(colour).not.toBe(0);
  const painted = pixelsOfColor(mask.colors, colour);
  expect(painted.size).toBe(expected.size);
  expect([...expected].filter((pixel) => !painted.has(pixel))).toEqual([]); // one expect: Playwright's are slow by the thousand
  expect(mask.colors.reduce((n, value) => n + (value ? 1 : 0), 0)).toBe(expected.size); // and nothing else
});
