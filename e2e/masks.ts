import { expect, type Page } from '@playwright/test';
import { decode } from 'fast-png';
import { readFileSync } from 'node:fs';

/** Opens the export dialog, picks a format, exports, and returns the downloaded file's bytes and name. */
export async function exportFile(page: Page, format: RegExp, button: 'Export this image' | 'Export project (ZIP)' | 'Export project (XML)') {
  if (!(await page.getByTestId('export-dialog').isVisible())) await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByRole('radio', { name: format }).check();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: button }).click();
  const file = await download;
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

/** The PNG's IHDR colour type and bit depth, and the names of its chunks, read from the bytes. */
export function pngLayout(bytes: Buffer): { colorType: number; bitDepth: number; chunks: string[] } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  const chunks: string[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    chunks.push(bytes.toString('latin1', at + 4, at + 8));
    at += 12 + length;
  }
  return { colorType: bytes[25], bitDepth: bytes[24], chunks };
}

/** Decoded RGB pixels as 0xRRGGBB per pixel. */
export function rgbPixels(bytes: Buffer): { width: number; height: number; colors: Uint32Array } {
  const png = decode(bytes);
  expect(png.channels).toBe(3);
  const colors = new Uint32Array(png.width * png.height);
  for (let i = 0; i < colors.length; i++) colors[i] = (png.data[3 * i] << 16) | (png.data[3 * i + 1] << 8) | png.data[3 * i + 2];
  return { width: png.width, height: png.height, colors };
}

/**
 * Pixels whose centre lies inside the ring by the even-odd rule: an independent brute-force
 * reference for the app's rasterizer (pixel (x, y) has its centre at (x + 0.5, y + 0.5)).
 */
export function pixelsInside(ring: number[], width: number): Set<number> {
  const xs = ring.filter((_, i) => i % 2 === 0);
  const ys = ring.filter((_, i) => i % 2 === 1);
  const inside = new Set<number>();
  for (let y = Math.max(0, Math.floor(Math.min(...ys))); y <= Math.ceil(Math.max(...ys)); y++) {
    for (let x = Math.max(0, Math.floor(Math.min(...xs))); x <= Math.ceil(Math.max(...xs)); x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      let odd = false;
      for (let i = 0, j = xs.length - 1; i < xs.length; j = i++) {
        if (ys[i] > py !== ys[j] > py && px < ((xs[j] - xs[i]) * (py - ys[i])) / (ys[j] - ys[i]) + xs[i]) odd = !odd;
      }
      if (odd) inside.add(y * width + x);
    }
  }
  return inside;
}

export function pixelsOfColor(colors: Uint32Array, color: number): Set<number> {
  const found = new Set<number>();
  colors.forEach((value, i) => value === color && found.add(i));
  return found;
}
