import type { Page } from '@playwright/test';

/** Side of each seeded image: the dataset's 1104 x 1104 fields. */
export const SEED_SIDE = 1104;
/** Objects on each seeded image (squares on a grid). */
export const SEED_OBJECTS = 50;

/** The name of the i-th seeded image (1-based), in list order. */
export const seededName = (i: number) => `field-${String(i).padStart(4, '0')}.png`;

/**
 * Replaces the project with `count` generated 8-bit 1104 x 1104 images of SEED_OBJECTS objects
 * each, written straight into IndexedDB by the page (as the app stores them: image records with
 * thumbnails, pixels, objects), then reloads so the app starts on it. The page must show the
 * app; its database is at the current schema.
 */
export async function seedProject(page: Page, count: number): Promise<void> {
  await page.evaluate(
    async ({ count, side, objectsPerImage }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('nuclei-annotator');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const done = (tx: IDBTransaction) => new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onerror = () => reject(tx.error))));
      const stores = ['images', 'pixels', 'sources', 'objects', 'meta', 'tiles'];
      const clear = db.transaction(stores, 'readwrite');
      for (const store of stores) clear.objectStore(store).clear();
      clear.objectStore('meta').put({ key: 'demoSeeded', value: true });
      await done(clear);
      const thumb = new Uint8Array(96 * 96);
      for (let i = 0; i < thumb.length; i++) thumb[i] = (i * 7) % 200;
      for (let first = 1; first <= count; first += 50) {
        const tx = db.transaction(['images', 'pixels', 'objects'], 'readwrite');
        for (let i = first; i < Math.min(count + 1, first + 50); i++) {
          const id = `seeded-${i}`;
          const pixels = new Uint8Array(side * side);
          for (let p = 0; p < pixels.length; p += 97) pixels[p] = (p + i) % 255; // sparse: different per image, cheap to make
          tx.objectStore('images').put({
            id, name: `field-${String(i).padStart(4, '0')}.png`, format: 'png', width: side, height: side, channels: 1, sourceBitDepth: 8,
            normalization: null, cellomics: null, thumbnail: { width: 96, height: 96, channels: 1, bitDepth: 8, data: thumb },
            order: i, addedAt: i, demo: false, display: { low: 0, high: 255, gamma: 1, contrast: 1, brightness: 0 },
            objectCount: objectsPerImage, status: i % 3 ? 'in progress' : 'new', statusHistory: [],
          });
          tx.objectStore('pixels').put({ id, display: { width: side, height: side, channels: 1, bitDepth: 8, data: pixels }, original: null });
          for (let k = 0; k < objectsPerImage; k++) {
            const x = 40 + (k % 10) * 100, y = 40 + Math.floor(k / 10) * 100;
            tx.objectStore('objects').put({ imageId: id, id: `${id}-o${k}`, version: 1, rings: [[x, y, x + 30, y, x + 30, y + 30, x, y + 30]], z: k + 1, label: 'nucleus', createdAt: 1, updatedAt: 1, author: 'seed' });
          }
        }
        await done(tx);
      }
      db.close();
    },
    { count, side: SEED_SIDE, objectsPerImage: SEED_OBJECTS },
  );
  await page.reload();
}
