import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { drawPolygon, placement, storedObjects, waitUntilSaved } from './annotation';
import { DATASET, dropFiles, imageRows, openEmptyProject, realFile, screenshot, waitForShownImage } from './helpers';
import { DB_VERSION } from '../src/io/migrations';
import { writeOldDatabase } from './oldDatabase';

const IMAGE = 'MFGTMPcx7_170702000001_D13f04d0.png';

test('a failed save is shown at once, the work stays in memory, and it is written once storage works again', async ({ page }) => {
  await openEmptyProject(page);
  await dropFiles(page, [realFile(join(DATASET, 'train', IMAGE))]);
  await waitForShownImage(page, IMAGE);

  // Storage full: every write of an object fails, as a browser at its quota would make it.
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    (window as unknown as { restorePut: () => void }).restorePut = () => (IDBObjectStore.prototype.put = put);
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if (this.name === 'objects') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const p = await placement(page);
  await page.keyboard.press('n');
  await drawPolygon(page, p, [[200, 200], [300, 200], [300, 300]]);
  await expect(page.getByRole('alert')).toContainText('changes not saved');
  await expect(page.getByRole('alert')).toContainText('quota');
  await expect(page.getByTestId('save-state')).toHaveText('Not saved – kept in memory, retrying');
  await expect(page.getByTestId('object-count')).toHaveText('1');
  await screenshot(page, 'save-failed');
  expect(await storedObjects(page)).toHaveLength(0);

  await page.evaluate(() => (window as unknown as { restorePut: () => void }).restorePut());
  await waitUntilSaved(page);
  expect(await storedObjects(page)).toHaveLength(1);
  await page.reload();
  await waitForShownImage(page, IMAGE);
  await expect(page.getByTestId('object-count')).toHaveText('1');
});

test('a database written by the first release (schema 1) opens and upgrades without losing images', async ({ page }) => {
  await writeOldDatabase(page, 1, { name: 'old_scan.png' });
  await page.goto('/');
  await expect(imageRows(page)).toHaveCount(1);
  await waitForShownImage(page, 'old_scan.png');
  await expect(page.getByTestId('image-object-count')).toHaveText('0 objects');
  const version = await page.evaluate(() => indexedDB.databases().then((all) => all.find((db) => db.name === 'nuclei-annotator')?.version));
  expect(version).toBe(DB_VERSION);
  // The upgraded project takes new objects.
  const p = await placement(page);
  await page.keyboard.press('n');
  await drawPolygon(page, p, [[10, 10], [40, 10], [40, 40]]);
  await waitUntilSaved(page);
  await page.reload();
  await expect(page.getByTestId('image-object-count')).toHaveText('1 object');
});

test('a database written by the previous release (schema 3) upgrades: objects kept, review status derived', async ({ page }) => {
  const kept = { id: 'kept', rings: [[10, 10, 30, 10, 30, 30]], z: 1, label: 'nucleus', createdAt: 5, updatedAt: 5, author: 'ann' };
  await writeOldDatabase(page, 3, { name: 'annotated.png', objectCount: 1, split: 'train' }, [kept]);
  await page.goto('/');
  await waitForShownImage(page, 'annotated.png');
  await expect(page.getByTestId('object-count')).toHaveText('1');
  await expect(page.getByTestId('image-status')).toHaveText('in progress');
  const stored = await storedObjects(page);
  expect(stored.map((object) => object.id)).toEqual(['kept']);
});

test('a database written by schema 4 upgrades: objects and submitted objects get version 1, the kept masks go', async ({ page }) => {
  const drawn = { id: 'a', rings: [[10, 10, 30, 10, 30, 30]], z: 1, label: 'nucleus', createdAt: 5, updatedAt: 5, author: 'ann' };
  const image = { name: 'submitted.png', objectCount: 1, status: 'submitted', statusHistory: [{ status: 'submitted', by: 'ann', role: 'annotator', at: 6 }] };
  await writeOldDatabase(page, 4, image, [drawn], [{ submittedAt: 6, submittedBy: 'ann', objects: [drawn] }]);
  await page.goto('/');
  await waitForShownImage(page, 'submitted.png');
  await expect(page.getByTestId('object-count')).toHaveText('1');
  const upgraded = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => (indexedDB.open('nuclei-annotator').onsuccess = (event) => resolve((event.target as IDBOpenDBRequest).result)));
    const all = <T,>(store: string) => new Promise<T[]>((resolve) => (db.transaction(store).objectStore(store).getAll().onsuccess = (event) => resolve((event.target as IDBRequest).result)));
    const result = {
      stores: [...db.objectStoreNames],
      objectIndexes: [...db.transaction('objects').objectStore('objects').indexNames],
      objects: await all<{ id: string; version: number }>('objects'),
      snapshots: await all<{ objects: Array<{ version: number }> }>('snapshots'),
    };
    db.close();
    return result;
  });
  expect(upgraded.stores).not.toContain('masks');
  expect(upgraded.objectIndexes).toEqual([]);
  expect(upgraded.objects.map((object) => [object.id, object.version])).toEqual([['a', 1]]);
  expect(upgraded.snapshots[0].objects.map((object) => object.version)).toEqual([1]);
  await expect(page.getByTestId('image-status')).toHaveText('submitted');
});
