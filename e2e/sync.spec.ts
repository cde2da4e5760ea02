import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { join } from 'node:path';
import { clickImagePoints, drawPolygon, placement, screenPoint, storedObjects, waitUntilSaved, type Placement } from './annotation';
import { DATASET, dropFiles, openEmptyProject, realFile, screenshot, waitForShownImage } from './helpers';
import { createSyncProject, serverDoc, type SyncProject } from './syncServer';

const FIRST = 'MFGTMPcx7_170702000001_B23f07d0.png';
const SECOND = 'MFGTMPcx7_170702090001_A02f07d0.png';
const FILES = [realFile(join(DATASET, 'dev', FIRST)), realFile(join(DATASET, 'train', SECOND))];
const ANNOTATOR = { name: 'anna', password: 'anna-pw-1', role: 'annotator' as const };
const REVIEWER = { name: 'rex', password: 'rex-pw-1', role: 'reviewer' as const };

interface User {
  context: BrowserContext;
  page: Page;
  p: Placement;
}

/** A user in their own browser context (own storage), with the two real files brought in, connected as `who`. */
async function startUser(context: BrowserContext, project: SyncProject, who: { name: string; password: string }): Promise<User> {
  const page = await context.newPage();
  await openEmptyProject(page);
  await dropFiles(page, FILES);
  await expect(page.getByTestId('image-row')).toHaveCount(2);
  await openImageNamed(page, FIRST);
  await connect(page, project.url, who.name, who.password, `sync-connect-dialog-${who.name}`);
  await expect(page.getByTestId('session-user')).toHaveText(`${who.name} · ${who === ANNOTATOR ? 'annotator' : 'reviewer'}`);
  await expect(syncState(page)).toHaveText('Synced');
  return { context, page, p: await placement(page) };
}

async function connect(page: Page, url: string, user: string, password: string, shot?: string): Promise<void> {
  await syncState(page).click();
  const dialog = page.getByTestId('sync-dialog');
  await dialog.getByLabel('Database URL').fill(url);
  await dialog.getByLabel('User').fill(user);
  await dialog.getByLabel('Password').fill(password);
  if (shot) await screenshot(page, shot);
  await dialog.getByRole('button', { name: /^(Connect|Reconnect)$/ }).click();
}

async function openImageNamed(page: Page, name: string): Promise<void> {
  await page.getByTestId('image-row').filter({ has: page.getByRole('img', { name: `Thumbnail of ${name}` }) }).click();
  await waitForShownImage(page, name);
}

const syncState = (page: Page) => page.getByTestId('sync-state');
const status = (page: Page) => page.getByTestId('image-status');
const count = (page: Page) => page.getByTestId('object-count');

/** The open image's objects as stored, without what only this browser knows (nothing is), for comparing two users. */
const storedShapes = async (page: Page) => (await storedObjects(page)).map(({ id, rings, z }) => ({ id, rings, z })).sort((a, b) => (a.id < b.id ? -1 : 1));

async function drag(user: User, from: number[], to: number[]): Promise<void> {
  const a = screenPoint(user.p, from[0], from[1]);
  const b = screenPoint(user.p, to[0], to[1]);
  await user.page.mouse.move(a.sx, a.sy);
  await user.page.mouse.down();
  await user.page.mouse.move(b.sx, b.sy, { steps: 6 });
  await user.page.mouse.up();
}

test('two users on one CouchDB project: live objects, review across machines, offline work, a refusal by the server, a conflict kept for both', async ({ browser }) => {
  test.setTimeout(240_000);
  const project = await createSyncProject([ANNOTATOR, REVIEWER]);

  // A wrong password is refused with the reason; the dialog keeps what was typed.
  const probe = await (await browser.newContext()).newPage();
  await openEmptyProject(probe);
  await connect(probe, project.url, ANNOTATOR.name, 'not-the-password');
  await expect(probe.getByTestId('sync-problem')).toHaveText('wrong user name or password');
  await expect(syncState(probe)).toHaveText('Sync error: wrong user name or password');
  await screenshot(probe, 'sync-wrong-password');
  // A server this build does not admit is refused by name before any request.
  await probe.getByTestId('sync-dialog').getByLabel('Database URL').fill('https://couch.example.org/project');
  await probe.getByTestId('sync-dialog').getByRole('button', { name: 'Connect' }).click();
  await expect(probe.getByTestId('sync-problem')).toContainText('https://couch.example.org is not a sync server this build of the app may connect to');
  await probe.context().close();

  const ann = await startUser(await browser.newContext(), project, ANNOTATOR);
  const rev = await startUser(await browser.newContext(), project, REVIEWER);

  // The annotator outlines a nucleus and submits; the reviewer sees it appear without reloading.
  await ann.page.keyboard.press('n');
  await drawPolygon(ann.page, ann.p, [[300, 300], [380, 300], [380, 360], [300, 360]]);
  await ann.page.keyboard.press('Escape');
  await waitUntilSaved(ann.page);
  await expect(count(rev.page)).toHaveText('1');
  await ann.page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(status(rev.page)).toHaveText('submitted');
  await expect.poll(() => storedShapes(rev.page)).toEqual(await storedShapes(ann.page));
  await screenshot(rev.page, 'sync-reviewer-sees-submission');

  // The reviewer flags the outline and requests changes; the annotator gets both live.
  await rev.page.keyboard.press('i');
  await clickImagePoints(rev.page, rev.p, [[340, 330]]);
  const dialog = rev.page.getByTestId('issue-dialog');
  await dialog.getByLabel('Comment').fill('too tight on the left');
  await dialog.getByRole('button', { name: 'Wrong outline' }).click();
  await expect(dialog.getByText('too tight on the left')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await rev.page.getByRole('button', { name: 'Request changes' }).click();
  await expect(status(ann.page)).toHaveText('changes requested');
  await expect(ann.page.getByTestId('open-issue-count')).toHaveText('1');

  // Offline, the annotator fixes it (a second nucleus, the first one moved) and resubmits.
  await ann.context.setOffline(true);
  await expect(syncState(ann.page)).toContainText('offline');
  await ann.page.keyboard.press('n');
  await drawPolygon(ann.page, ann.p, [[500, 500], [580, 500], [580, 560], [500, 560]]);
  await ann.page.keyboard.press('Escape');
  await ann.page.keyboard.press('Escape');
  await drag(ann, [340, 330], [330, 330]);
  await waitUntilSaved(ann.page);
  await ann.page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(status(ann.page)).toHaveText('submitted');
  await screenshot(ann.page, 'sync-offline');
  await expect(count(rev.page)).toHaveText('1'); // nothing reached the reviewer meanwhile
  await ann.context.setOffline(false);

  // Both converge: the same objects and status on screen and in storage.
  await expect(count(rev.page)).toHaveText('2');
  await expect(status(rev.page)).toHaveText('submitted');
  await expect.poll(() => storedShapes(rev.page)).toEqual(await storedShapes(ann.page));
  await expect(syncState(ann.page)).toHaveText('Synced');

  // The reviewer approves; the annotator's app shows it.
  await rev.page.getByRole('button', { name: 'Approve' }).click();
  await expect(status(ann.page)).toHaveText('approved');
  const approved = await storedShapes(ann.page);

  // The annotator disconnects, claims the reviewer's role locally and deletes an object; on
  // reconnecting, the server (not the app) refuses the change, and its version comes back.
  await syncState(ann.page).click();
  await ann.page.getByTestId('sync-dialog').getByRole('button', { name: 'Disconnect' }).click();
  await expect(syncState(ann.page)).toHaveText('Not synced');
  await ann.page.getByLabel('Role').selectOption('reviewer');
  await clickImagePoints(ann.page, ann.p, [[540, 530]]);
  await ann.page.keyboard.press('Delete');
  await expect(count(ann.page)).toHaveText('1');
  await waitUntilSaved(ann.page);
  await connect(ann.page, project.url, ANNOTATOR.name, ANNOTATOR.password);
  await expect(ann.page.getByTestId('session-user')).toHaveText('anna · annotator');
  await expect(ann.page.getByTestId('notice').filter({ hasText: `${FIRST}: the server refused your change` })).toBeVisible();
  await expect(syncState(ann.page)).toContainText('refused');
  await expect(count(ann.page)).toHaveText('2');
  await expect.poll(() => storedShapes(ann.page)).toEqual(approved);
  await screenshot(ann.page, 'sync-refused');
  const onServer = await serverDoc(project, `image:${await contentHashOfOpen(ann.page)}`);
  expect((onServer?.objects as unknown[]).length).toBe(2);
  expect(onServer?.status).toBe('approved');

  // A conflict: on the second image both move the same nucleus while offline.
  await openImageNamed(ann.page, SECOND);
  await openImageNamed(rev.page, SECOND);
  ann.p = await placement(ann.page);
  rev.p = await placement(rev.page);
  await ann.page.keyboard.press('n');
  await drawPolygon(ann.page, ann.p, [[200, 200], [260, 200], [260, 250], [200, 250]]);
  await ann.page.keyboard.press('Escape');
  await ann.page.keyboard.press('Escape');
  await expect(count(rev.page)).toHaveText('1');
  await ann.context.setOffline(true);
  await rev.context.setOffline(true);
  await drag(ann, [230, 225], [250, 225]); // 20 px right
  await waitUntilSaved(ann.page);
  await drag(rev, [230, 225], [230, 245]); // 20 px down, later: this one wins
  await waitUntilSaved(rev.page);
  const moved = { ann: await storedShapes(ann.page), rev: await storedShapes(rev.page) };
  expect(moved.ann).not.toEqual(moved.rev);
  await ann.context.setOffline(false);
  await rev.context.setOffline(false);

  for (const user of [ann, rev]) {
    const conflict = user.page.getByTestId('conflict');
    await expect(conflict).toHaveCount(1);
    await expect(conflict).toContainText(`the later change (by ${REVIEWER.name}) is shown, the other (by ${ANNOTATOR.name}) is set aside`);
    await expect.poll(() => storedShapes(user.page)).toEqual(moved.rev);
    // A review issue on the object says so, on both machines (one issue, not one per machine).
    await expect(user.page.getByTestId('open-issue-count')).toHaveText('1');
  }
  await screenshot(ann.page, 'sync-conflict');
  // The annotator restores the set-aside version (theirs): it becomes the current one everywhere.
  await ann.page.getByTestId('conflict').getByRole('button', { name: 'Restore the other version' }).click();
  await expect(ann.page.getByTestId('conflict')).toHaveCount(0);
  const restored = (shapes: Awaited<ReturnType<typeof storedShapes>>) => shapes.map(({ id, rings }) => ({ id, rings }));
  await expect.poll(async () => restored(await storedShapes(ann.page))).toEqual(restored(moved.ann));
  await expect.poll(async () => restored(await storedShapes(rev.page))).toEqual(restored(moved.ann));
  // The reviewer's conflict entry still offers the version that was set aside there; keeping the current one clears it.
  await rev.page.getByTestId('conflict').getByRole('button', { name: 'Keep this version' }).click();
  await expect(rev.page.getByTestId('conflict')).toHaveCount(0);
  await expect.poll(async () => restored(await storedShapes(rev.page))).toEqual(restored(moved.ann));

  // A third browser with an empty project is told which server images it lacks; adding one's
  // file (matched by content: under another name) brings its objects, status and issues.
  const late = await (await browser.newContext()).newPage();
  await openEmptyProject(late);
  await connect(late, project.url, REVIEWER.name, REVIEWER.password);
  await expect(syncState(late)).toHaveText('Synced · 2 server images not here');
  await syncState(late).click();
  await expect(late.getByTestId('server-only-images')).toHaveText(`2 images on the server are not in this project — add their files: ${FIRST}, ${SECOND}`);
  await screenshot(late, 'sync-server-images-missing');
  await late.getByTestId('sync-dialog').getByRole('button', { name: 'Cancel' }).click();
  await dropFiles(late, [{ name: 'renamed.png', bytes: FILES[0].bytes }]);
  await waitForShownImage(late, 'renamed.png');
  await expect(count(late)).toHaveText('2');
  await expect(status(late)).toHaveText('approved');
  await expect(late.getByTestId('open-issue-count')).toHaveText('1');
  await expect(syncState(late)).toHaveText('Synced · 1 server image not here');
});

/** The open image's content hash, as the app stored it. */
async function contentHashOfOpen(page: Page): Promise<string> {
  const name = await page.getByTestId('info-name').textContent();
  return page.evaluate(async (imageName) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('nuclei-annotator');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const images = await new Promise<Array<{ name: string; contentHash: string }>>((resolve, reject) => {
      const request = db.transaction('images').objectStore('images').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return images.find((image) => image.name === imageName)!.contentHash;
  }, name);
}
