import type { Page } from '@playwright/test';

/**
 * Writes the database the way an older release did, before the app opens it: that release's
 * stores, one 64 x 64 grey image (`image` adds or overrides fields of its record), and `objects`
 * (schema 2 and later) and submission `snapshots` (schema 4). Runs on a page of the app's origin that does not open the database.
 */
export async function writeOldDatabase(page: Page, version: 1 | 3 | 4, image: Record<string, unknown>, objects: object[] = [], snapshots: object[] = []): Promise<void> {
  await page.goto('/favicon.svg');
  await page.evaluate(
    async ({ version, image, objects, snapshots }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('nuclei-annotator', version);
        request.onupgradeneeded = () => {
          const created = request.result;
          created.createObjectStore('images', { keyPath: 'id' }).createIndex('order', 'order');
          created.createObjectStore('pixels', { keyPath: 'id' });
          created.createObjectStore('sources', { keyPath: 'id' });
          created.createObjectStore('meta', { keyPath: 'key' });
          if (version >= 2) created.createObjectStore('objects', { keyPath: ['imageId', 'id'] }).createIndex('imageId', 'imageId');
          if (version >= 3) created.createObjectStore('masks', { keyPath: 'imageId' });
          if (version >= 4) {
            created.createObjectStore('snapshots', { keyPath: ['imageId', 'submittedAt'] });
            created.createObjectStore('issues', { keyPath: 'id' }).createIndex('imageId', 'imageId');
          }
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const grey = () => ({ width: 64, height: 64, channels: 1, bitDepth: 8, data: new Uint8Array(64 * 64).fill(90) });
      const stores = ['images', 'pixels', 'meta', ...(version >= 2 ? ['objects'] : []), ...(version >= 4 ? ['snapshots'] : [])];
      const tx = db.transaction(stores, 'readwrite');
      const record = {
        id: 'old-image', format: 'png', width: 64, height: 64, channels: 1, sourceBitDepth: 8, normalization: null, cellomics: null,
        thumbnail: grey(), order: 1, addedAt: 1, demo: false, display: { low: 0, high: 255, gamma: 1, contrast: 1, brightness: 0 },
        ...image,
      };
      tx.objectStore('images').put(record);
      tx.objectStore('pixels').put({ id: record.id, display: grey(), original: null });
      for (const object of objects) tx.objectStore('objects').put({ imageId: record.id, ...object });
      for (const snapshot of snapshots) tx.objectStore('snapshots').put({ imageId: record.id, ...snapshot });
      tx.objectStore('meta').put({ key: 'demoSeeded', value: true });
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    },
    { version, image, objects, snapshots },
  );
}
