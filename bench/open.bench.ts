// Opening a 1104 x 1104 image in the built app, in headless Chromium: from the click in the
// image list to the image drawn on the stage (in-page performance marks). Reference, in the
// same page and run: the browser's own PNG decode and draw of the same file.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withApp } from './browser';
import { median, round, type Measurement } from './stats';

const SHARED = resolve(import.meta.dirname, '../../shared/data');
const PNG = resolve(SHARED, 'aitslab-bioimaging1/train/MFGTMPcx7_170702000001_B14f07d0.png');
const C01 = resolve(SHARED, 'normalization/hoechst_like_1104x1104.C01');
const RUNS = 10;

/** Clicks an image in the list and returns the in-page time until it was drawn. */
async function timeOpen(page: Page, name: string): Promise<number> {
  await page.evaluate(() => performance.clearMarks());
  await page.locator(`[data-testid="image-row"][data-name="${name}"]`).click();
  await page.locator(`[data-testid="viewer"][data-shown-image="${name}"]`).waitFor();
  return page.evaluate(() => {
    const requested = performance.getEntriesByName('image-open-requested').at(-1)!;
    const shown = performance.getEntriesByName('image-shown').at(-1)!;
    return shown.startTime - requested.startTime;
  });
}

/** The browser decoding and drawing the same PNG natively, in the same page. */
async function timeNativePng(page: Page, bytes: Buffer): Promise<number[]> {
  return page.evaluate(
    async ({ base64, runs }) => {
      const blob = new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' });
      const canvas = document.createElement('canvas');
      canvas.width = 1104;
      canvas.height = 1104;
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      const times: number[] = [];
      for (let i = 0; i < runs + 2; i++) {
        const start = performance.now();
        const bitmap = await createImageBitmap(blob);
        context.drawImage(bitmap, 0, 0);
        context.getImageData(0, 0, 1, 1); // forces the draw to complete
        bitmap.close();
        if (i >= 2) times.push(performance.now() - start);
      }
      return times;
    },
    { base64: bytes.toString('base64'), runs: RUNS },
  );
}

export function benchOpen(): Promise<Measurement[]> {
  return withApp(async (page) => {
    await page.locator('header [data-testid="file-input"]').setInputFiles([PNG, C01]);
    await page.getByTestId('image-row').nth(1).waitFor();
    const names = ['MFGTMPcx7_170702000001_B14f07d0.png', 'hoechst_like_1104x1104.C01'];
    await page.locator(`[data-testid="viewer"][data-shown-image]:not([data-shown-image=""])`).waitFor();
    const times: Record<string, number[]> = { [names[0]]: [], [names[1]]: [] };
    for (let i = 0; i < RUNS + 1; i++) {
      for (const name of names) {
        const ms = await timeOpen(page, name);
        if (i > 0) times[name].push(ms); // the first round warms up the code paths
      }
    }
    const native = await timeNativePng(page, readFileSync(PNG));
    const reference = { name: "browser's native PNG decode + draw of the same file", median: round(median(native)), runs: native.map(round) };
    return names.map((name) => {
      const value = round(median(times[name]));
      return {
        name: `open ${name.endsWith('.C01') ? '16-bit .C01' : '8-bit PNG'} 1104x1104 from the project (click to drawn)`,
        unit: 'ms' as const,
        median: value,
        runs: times[name].map(round),
        reference,
        target: '< 300 ms',
        meetsTarget: value < 300,
      };
    });
  });
}
