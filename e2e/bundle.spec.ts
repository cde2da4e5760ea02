import { expect, test, type Browser, type Page } from '@playwright/test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clickImagePoints, drawPolygon, placement, screenPoint, waitUntilSaved } from './annotation';
import { DATASET, NORMALIZATION, dropFiles, imageCount, imageRows, openEmptyProject, realFile, screenshot, waitForShownImage } from './helpers';

const MASKED = 'MFGTMPcx7_170702000001_B14f07d0.png';
const PLAIN = 'MFGTMPcx7_170702090001_A02f07d0.png';
const C01 = 'small_gamma_48x64.C01';
const SQ1 = [[300, 300], [380, 300], [380, 360], [300, 360]];
const SQ2 = [[500, 500], [580, 500], [580, 560], [500, 560]];

async function actAs(page: Page, name: string, role: 'annotator' | 'reviewer') {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your name').press('Enter');
  await page.getByLabel('Role').selectOption(role);
}

async function openRow(page: Page, name: string) {
  await imageRows(page).filter({ hasText: name.slice(-12) }).click();
  await waitForShownImage(page, name);
}

/** Drags the object under `from` by (dx, dy) image pixels, as a user moves it: aimed at where the view shows it now (a notice or bar may have refitted the view). */
async function moveObject(page: Page, from: number[], dx: number, dy: number) {
  const p = await placement(page);
  const a = screenPoint(p, from[0], from[1]);
  const b = screenPoint(p, from[0] + dx, from[1] + dy);
  await page.mouse.move(a.sx, a.sy);
  await page.mouse.down();
  await page.mouse.move(b.sx, b.sy, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.press('Escape');
  await waitUntilSaved(page);
}

let downloads = 0;

/** Exports the whole project as a bundle from the export dialog; the downloaded file's path. */
async function exportBundle(page: Page, shot?: string): Promise<string> {
  await waitUntilSaved(page);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByTestId('export-dialog');
  if (shot) await screenshot(page, shot);
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export bundle: whole project' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('nuclei-project-bundle.zip');
  await dialog.getByRole('button', { name: 'Close' }).click();
  const path = join(test.info().outputPath(), String(++downloads), file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** Picks a bundle with "Import…" and waits for the import's report. */
async function importBundle(page: Page, path: string, report: RegExp) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('banner').getByRole('button', { name: 'Import…' }).click();
  await (await chooser).setFiles(path);
  await expect(page.getByTestId('notice').filter({ hasText: report })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('save-state')).toHaveText(/All changes saved|conflicting/);
}

type Dump = Awaited<ReturnType<typeof dump>>;

/** The project as stored in the browser's IndexedDB, in a fixed order, without what is this browser's own (list order, thumbnail). */
async function dump(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('nuclei-annotator');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (store: string) =>
      new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const key = (value: Record<string, unknown>) => JSON.stringify([value.imageId, value.id, value.submittedAt]);
    const sorted = (values: Array<Record<string, unknown>>) => values.sort((a, b) => (key(a) < key(b) ? -1 : 1));
    const images = (await all('images')).map(({ thumbnail: _t, order: _o, ...image }) => image).sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
    const result = { images, objects: sorted(await all('objects')), issues: sorted(await all('issues')), snapshots: sorted(await all('snapshots')), sources: (await all('sources')).length };
    db.close();
    return result;
  });
}

const objectsOf = (state: Dump, imageName: string) => {
  const image = state.images.find((candidate) => candidate.name === imageName)!;
  return state.objects.filter((object) => object.imageId === image.id) as Array<{ id: string; version: number; rings: number[][] }>;
};
const minX = (object: { rings: number[][] }) => Math.min(...object.rings[0].filter((_, i) => i % 2 === 0));
const minY = (object: { rings: number[][] }) => Math.min(...object.rings[0].filter((_, i) => i % 2 === 1));
/** The object whose top-left corner is near (x, y). */
const at = (objects: Array<{ rings: number[][] }>, x: number, y: number) => objects.filter((object) => Math.abs(minX(object) - x) < 3 && Math.abs(minY(object) - y) < 3);

async function newUser(browser: Browser, name: string, role: 'annotator' | 'reviewer') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openEmptyProject(page);
  await actAs(page, name, role);
  return page;
}

test('a bundle exported in one browser and imported in another gives the same project, object for object; changes both ways merge; a doubly changed object is a conflict whose versions both stay restorable', async ({ browser }) => {
  test.setTimeout(240_000);
  // A: the annotator brings in real images (one with its mask), outlines, submits one and raises an issue.
  const a = await newUser(browser, 'Ann', 'annotator');
  await dropFiles(a, [realFile(join(DATASET, 'train', MASKED)), realFile(join(DATASET, 'train', MASKED.replace('.png', '_objects.png'))), realFile(join(DATASET, 'train', PLAIN)), realFile(join(NORMALIZATION, C01))]);
  await expect(imageRows(a)).toHaveCount(3);
  await openRow(a, MASKED);
  await expect(a.getByTestId('object-count')).not.toHaveText('0');
  const pa = await placement(a);
  await a.keyboard.press('i');
  await clickImagePoints(a, pa, [[40, 40]]);
  const dialog = a.getByTestId('issue-dialog');
  await dialog.getByLabel('Comment').fill('Check the top left corner');
  await dialog.getByRole('button', { name: 'Comment' }).click();
  await expect(dialog.getByText('Check the top left corner')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await a.getByRole('button', { name: 'Submit for review' }).click();
  await expect(a.getByTestId('image-status')).toHaveText('submitted');
  await openRow(a, PLAIN);
  await a.keyboard.press('n');
  await drawPolygon(a, pa, SQ1);
  await drawPolygon(a, pa, SQ2);
  await a.keyboard.press('Escape');
  const bundle1 = await exportBundle(a, 'bundle-export-entry');
  const stateA = await dump(a);
  expect(stateA.images).toHaveLength(3);
  expect(stateA.snapshots).toHaveLength(1);
  expect(stateA.issues).toHaveLength(1);

  // B: the reviewer's browser, empty, imports it: the same project, ids, vertices, versions, statuses, histories, issues, submissions.
  const b = await newUser(browser, 'Rev', 'reviewer');
  await importBundle(b, bundle1, /nuclei-project-bundle\.zip \(bundle version 1\): 3 images added, 0 merged, 0 already up to date, 0 conflicts/);
  await screenshot(b, 'bundle-import-report');
  const stateB = await dump(b);
  expect(stateB).toEqual(stateA);
  await expect(imageRows(b)).toHaveCount(3);
  await openRow(b, MASKED);
  await expect(b.getByTestId('image-status')).toHaveText('submitted');
  await expect(b.getByTestId('object-count')).toHaveText(String(objectsOf(stateA, MASKED).length));
  await expect(b.getByTestId('issue-row')).toHaveCount(1);
  // Importing it again duplicates nothing.
  await importBundle(b, bundle1, /3 already up to date, 0 conflicts/);
  expect(await dump(b)).toEqual(stateA);

  // Each side moves a different object; B's bundle back into A: both moves, nothing duplicated, no conflict.
  await openRow(b, PLAIN);
  await moveObject(b, [340, 330], 20, 0); // SQ1 → x 320
  await moveObject(a, [540, 530], 0, 20); // SQ2 → y 520
  const bundle2 = await exportBundle(b);
  await importBundle(a, bundle2, /0 images added, 1 merged, 2 already up to date, 0 conflicts/);
  const merged = objectsOf(await dump(a), PLAIN);
  expect(merged).toHaveLength(2);
  expect(at(merged, 320, 300)).toHaveLength(1);
  expect(at(merged, 500, 520)).toHaveLength(1);
  await expect(a.getByTestId('object-count')).toHaveText('2');
  await expect(a.getByTestId('conflict')).toHaveCount(0);

  // The same objects moved on both sides: SQ1 last by B, SQ2 last by A. Each is a conflict; the later move is in place.
  await moveObject(a, [360, 330], 0, 10); // A: SQ1 → (320, 310)
  await openRow(b, PLAIN); // B has not seen A's moves: its SQ2 is where B left it
  await moveObject(b, [360, 330], 10, 0); // B: SQ1 → (330, 300)
  await moveObject(b, [540, 530], 10, 0); // B: SQ2 → (510, 500)
  const bundle3 = await exportBundle(b);
  await moveObject(a, [540, 550], 20, 0); // A: SQ2 → (520, 520), later than B's
  await importBundle(a, bundle3, /0 images added, 1 merged, 2 already up to date, 2 conflicts/);
  const bar = a.getByRole('alert', { name: 'Conflicting changes' });
  await expect(bar.getByTestId('conflict')).toHaveCount(2);
  await expect(bar).toContainText('2 changes conflict with an imported bundle');
  await expect(bar.getByTestId('conflict').filter({ hasText: "the bundle's version (the later change) is in place" })).toHaveCount(1);
  await expect(bar.getByTestId('conflict').filter({ hasText: 'your version (the later change) is in place' })).toHaveCount(1);
  let objects = objectsOf(await dump(a), PLAIN);
  expect(objects).toHaveLength(2);
  expect(at(objects, 330, 300)).toHaveLength(1); // SQ1: B's later move
  expect(at(objects, 520, 520)).toHaveLength(1); // SQ2: A's later move
  // The reviewer sees it too: a review issue on each conflicting object, naming the bundle.
  await expect(a.getByTestId('issue-row')).toHaveCount(2);
  const issues = (await dump(a)).issues.filter((issue) => String((issue.comments as Array<{ text: string }>)[0].text).startsWith('Conflict from bundle nuclei-project-bundle.zip'));
  expect(issues.map((issue) => issue.objectId).sort()).toEqual(objects.map((object) => object.id).sort());
  await screenshot(a, 'bundle-conflict-bar');

  // A reload keeps both conflicts; then each set-aside version is restored.
  await a.reload();
  await waitForShownImage(a, PLAIN);
  await expect(bar.getByTestId('conflict')).toHaveCount(2);
  await bar.getByTestId('conflict').filter({ hasText: "the bundle's version" }).getByRole('button', { name: 'Keep mine' }).click();
  await bar.getByTestId('conflict').filter({ hasText: 'your version' }).getByRole('button', { name: 'Take theirs' }).click();
  await expect(bar).toBeHidden();
  await waitUntilSaved(a);
  objects = objectsOf(await dump(a), PLAIN);
  expect(objects).toHaveLength(2);
  expect(at(objects, 320, 310)).toHaveLength(1); // SQ1: A's own move, kept
  expect(at(objects, 510, 500)).toHaveLength(1); // SQ2: B's move, taken
  await a.reload();
  await waitForShownImage(a, PLAIN);
  await expect(a.getByTestId('conflict')).toHaveCount(0);
  objects = objectsOf(await dump(a), PLAIN);
  expect([at(objects, 320, 310).length, at(objects, 510, 500).length]).toEqual([1, 1]);
});

const TRAIN = join(DATASET, 'train');
const TRAIN_IMAGES = readdirSync(TRAIN).filter((name) => name.endsWith('.png') && !name.endsWith('_objects.png')).sort();

test('a cancelled bundle export downloads nothing; a cancelled import leaves every image it brought in whole, and importing again completes it without duplicates', async ({ browser }) => {
  test.setTimeout(300_000);
  const a = await newUser(browser, 'Ann', 'annotator');
  const masks = TRAIN_IMAGES.map((name) => name.replace('.png', '_objects.png'));
  await dropFiles(a, [...TRAIN_IMAGES, ...masks].map((name) => realFile(join(TRAIN, name))));
  const bar = (page: Page) => page.getByRole('status', { name: 'Progress' });
  await expect(imageCount(a)).toHaveText(String(TRAIN_IMAGES.length), { timeout: 120_000 });
  await expect(bar(a)).toBeHidden({ timeout: 120_000 });
  await waitUntilSaved(a);

  let downloaded = 0;
  a.on('download', () => downloaded++);
  await a.getByRole('button', { name: 'Export…' }).click();
  await a.getByTestId('export-dialog').getByRole('button', { name: 'Export bundle: whole project' }).click();
  await bar(a).getByRole('button', { name: 'Cancel' }).click();
  await expect(a.getByText('Exporting bundle: cancelled')).toBeVisible();
  await expect(bar(a)).toBeHidden();
  expect(downloaded).toBe(0);
  await a.getByTestId('export-dialog').getByRole('button', { name: 'Close' }).click();
  const path = await exportBundle(a);
  const stateA = await dump(a);
  expect(stateA.objects.length).toBeGreaterThan(TRAIN_IMAGES.length * 10);

  const b = await newUser(browser, 'Rev', 'reviewer');
  const chooser = b.waitForEvent('filechooser');
  await b.getByRole('banner').getByRole('button', { name: 'Import…' }).click();
  await (await chooser).setFiles(path);
  await expect(imageRows(b)).not.toHaveCount(0, { timeout: 60_000 });
  await bar(b).getByRole('button', { name: 'Cancel' }).click();
  await expect(b.getByText('Importing bundle: cancelled')).toBeVisible();
  await expect(bar(b)).toBeHidden();
  const partly = await dump(b);
  expect(partly.images.length).toBeGreaterThan(0);
  expect(partly.images.length).toBeLessThan(TRAIN_IMAGES.length);
  // Each image brought in is whole: its record, file, every object, as in A; nothing of the others.
  expect(partly.sources).toBe(partly.images.length);
  for (const image of partly.images) {
    const inA = stateA.images.find((candidate) => candidate.contentHash === image.contentHash)!;
    expect(image).toEqual(inA);
    expect(partly.objects.filter((object) => object.imageId === image.id)).toEqual(stateA.objects.filter((object) => object.imageId === inA.id));
  }
  await b.reload();
  await expect(imageCount(b)).toHaveText(String(partly.images.length));

  // Again, to the end: the rest come in, those already there are not duplicated.
  const rest = TRAIN_IMAGES.length - partly.images.length;
  await importBundle(b, path, new RegExp(`${rest} images? added, 0 merged, ${partly.images.length} already up to date, 0 conflicts`));
  expect(await dump(b)).toEqual(stateA);
});

test('a project ZIP exported by the app (bundle version 0) is read back: objects traced from its masks, statuses and issues from review.json; again, nothing is duplicated', async ({ browser }) => {
  test.setTimeout(180_000);
  const a = await newUser(browser, 'Ann', 'annotator');
  await dropFiles(a, [realFile(join(DATASET, 'train', MASKED)), realFile(join(DATASET, 'train', MASKED.replace('.png', '_objects.png'))), realFile(join(DATASET, 'train', PLAIN))]);
  await expect(imageRows(a)).toHaveCount(2);
  await openRow(a, MASKED);
  await a.getByRole('button', { name: 'Submit for review' }).click();
  await expect(a.getByTestId('image-status')).toHaveText('submitted');
  await openRow(a, PLAIN);
  const pa = await placement(a);
  await a.keyboard.press('n');
  await drawPolygon(a, pa, SQ1);
  await a.keyboard.press('Escape');
  await a.keyboard.press('i');
  await clickImagePoints(a, pa, [[40, 40]]);
  const dialog = a.getByTestId('issue-dialog');
  await dialog.getByLabel('Comment').fill('Missed one here');
  await dialog.getByRole('button', { name: 'Missing nucleus here' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await waitUntilSaved(a);
  // The project ZIP, with the images, as the export dialog has always made it.
  await a.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = a.getByTestId('export-dialog');
  await exportDialog.getByRole('checkbox', { name: /include the images/ }).check();
  const download = a.waitForEvent('download');
  await exportDialog.getByRole('button', { name: 'Export project (ZIP)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('nuclei-masks.zip');
  const path = join(test.info().outputPath(), file.suggestedFilename());
  await file.saveAs(path);
  await exportDialog.getByRole('button', { name: 'Close' }).click();
  const stateA = await dump(a);

  const b = await newUser(browser, 'Rev', 'reviewer');
  await importBundle(b, path, /nuclei-masks\.zip \(bundle version 0\): 2 images added, 0 merged, 0 already up to date, 0 conflicts/);
  const stateB = await dump(b);
  const summary = (state: Dump) =>
    state.images
      .map((image) => ({
        name: image.name,
        contentHash: image.contentHash,
        status: image.status,
        statusHistory: image.statusHistory,
        objects: state.objects.filter((object) => object.imageId === image.id).length,
        issues: state.issues.filter((issue) => issue.imageId === image.id).map(({ imageId: _i, ...issue }) => issue),
        submissions: state.snapshots.filter((snapshot) => snapshot.imageId === image.id).map((snapshot) => snapshot.submittedAt),
      }))
      .sort((x, y) => (String(x.name) < String(y.name) ? -1 : 1));
  expect(summary(stateB)).toEqual(summary(stateA));
  await openRow(b, MASKED);
  await expect(b.getByTestId('image-status')).toHaveText('submitted');
  await expect(b.getByTestId('object-count')).toHaveText(String(objectsOf(stateA, MASKED).length));
  // The traced outline is the drawn square, vertex for vertex on pixel corners.
  const [square] = objectsOf(stateB, PLAIN);
  expect([minX(square), minY(square)]).toEqual([Math.round(minX(objectsOf(stateA, PLAIN)[0])), Math.round(minY(objectsOf(stateA, PLAIN)[0]))]);

  // Into the project it came from: the same images (by content hash), nothing added twice.
  await importBundle(a, path, /0 images added, 0 merged, 2 already up to date, 0 conflicts/);
  expect(await dump(a)).toEqual(stateA);

  // Without the images, a project ZIP has only names to go by: B's images of those names, unchanged.
  await a.getByRole('button', { name: 'Export…' }).click();
  await exportDialog.getByRole('checkbox', { name: /include the images/ }).uncheck();
  const masksOnly = a.waitForEvent('download');
  await exportDialog.getByRole('button', { name: 'Export project (ZIP)' }).click();
  const masksPath = join(test.info().outputPath(), 'masks-only', 'nuclei-masks.zip');
  await (await masksOnly).saveAs(masksPath);
  await importBundle(b, masksPath, /nuclei-masks\.zip \(bundle version 0\): 0 images added, 0 merged, 2 already up to date, 0 conflicts/);
  expect(await dump(b)).toEqual(stateB);
});

test('a damaged or hostile bundle is refused whole with the file and the reason, and nothing stored changes', async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await newUser(browser, 'Ann', 'annotator');
  await dropFiles(a, [realFile(join(DATASET, 'train', MASKED)), realFile(join(DATASET, 'train', PLAIN))]);
  await expect(imageRows(a)).toHaveCount(2);
  await openRow(a, PLAIN);
  const pa = await placement(a);
  await a.keyboard.press('n');
  await drawPolygon(a, pa, SQ1);
  await a.keyboard.press('Escape');
  // The open image alone, as "Export bundle: this image" makes it.
  await waitUntilSaved(a);
  await a.getByRole('button', { name: 'Export…' }).click();
  const one = a.waitForEvent('download');
  await a.getByTestId('export-dialog').getByRole('button', { name: 'Export bundle: this image' }).click();
  const only = unzipSync(readFileSync((await (await one).path())!));
  expect(JSON.parse(new TextDecoder().decode(only['manifest.json'])).images.map((image: { name: string }) => image.name)).toEqual([PLAIN]);
  await a.getByTestId('export-dialog').getByRole('button', { name: 'Close' }).click();

  const files = unzipSync(readFileSync(await exportBundle(a)));
  const before = await dump(a);
  const text = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes));
  const manifest = text(files['manifest.json']);
  const second = manifest.images[1].data;
  const variants: Array<[string, Record<string, Uint8Array>, string]> = [
    ['newer.zip', { ...files, 'manifest.json': strToU8(JSON.stringify({ ...manifest, version: 7 })) }, 'manifest.json: version 7 was written by a newer version of the app'],
    ['badjson.zip', { ...files, [second]: strToU8('{"record": ') }, `${second} is not valid JSON`],
    ['traversal.zip', { ...files, '../../outside.txt': strToU8('x') }, 'an entry named "../../outside.txt", which could land outside its folder'],
    ['lying.zip', { ...files, [second]: strToU8(JSON.stringify({ ...text(files[second]), objects: [{ ...text(files[second]).objects[0], version: -1 }] })) }, 'objects[0].version is not a whole number'],
  ];
  for (const [name, entries, reason] of variants) {
    const path = join(test.info().outputPath(), name);
    writeFileSync(path, zipSync(entries));
    const chooser = a.waitForEvent('filechooser');
    await a.getByRole('banner').getByRole('button', { name: 'Import…' }).click();
    await (await chooser).setFiles(path);
    await expect(a.getByRole('alert').filter({ hasText: `${name}: ` }).filter({ hasText: reason })).toBeVisible();
    expect(await dump(a)).toEqual(before);
  }
  await expect(imageRows(a)).toHaveCount(2);
});

test('generated demo images travel as their pixels: the same images, objects and content hashes in the other browser', async ({ browser }) => {
  const context = await browser.newContext();
  const a = await context.newPage();
  await a.goto('/');
  await expect(imageRows(a)).toHaveCount(3);
  const path = await exportBundle(a);
  const stateA = await dump(a);
  expect(stateA.sources).toBe(0);
  expect(stateA.images.every((image) => image.demo === true)).toBe(true);

  const b = await newUser(browser, 'Rev', 'reviewer');
  await importBundle(b, path, /3 images added, 0 merged, 0 already up to date, 0 conflicts/);
  expect(await dump(b)).toEqual(stateA);
  await expect(b.getByRole('button', { name: 'Remove demo images' })).toBeVisible();
});
