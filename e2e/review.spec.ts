import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { clickImagePoints, drawPolygon, placement, screenPoint, waitUntilSaved, type Placement } from './annotation';
import { DATASET, dropFiles, openEmptyProject, realFile, screenshot, waitForShownImage } from './helpers';

const IMAGE = 'MFGTMPcx7_170702090001_A02f07d0.png';

async function actAs(page: Page, name: string, role: 'annotator' | 'reviewer') {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your name').press('Enter');
  await page.getByLabel('Role').selectOption(role);
}

async function dragVertex(page: Page, p: Placement, from: number[], to: number[]) {
  const a = screenPoint(p, from[0], from[1]);
  const b = screenPoint(p, to[0], to[1]);
  await page.mouse.move(a.sx, a.sy);
  await page.mouse.down();
  await page.mouse.move(b.sx, b.sy, { steps: 5 });
  await page.mouse.up();
}

async function raiseIssue(page: Page, p: Placement, at: number[], kind: string, comment: string) {
  await page.keyboard.press('i');
  await clickImagePoints(page, p, [at]);
  const dialog = page.getByTestId('issue-dialog');
  await dialog.getByLabel('Comment').fill(comment);
  await dialog.getByRole('button', { name: kind }).click();
  await expect(dialog.getByText(comment)).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
}

const status = (page: Page) => page.getByTestId('image-status');

test('the review loop: submit, flag, request changes, fix, resubmit, correct, approve; the dashboard and change view agree', async ({ page }) => {
  await openEmptyProject(page);
  await actAs(page, 'Ann', 'annotator');
  await dropFiles(page, [realFile(join(DATASET, 'train', IMAGE))]);
  await waitForShownImage(page, IMAGE);
  await expect(status(page)).toHaveText('new');
  const p = await placement(page);

  // The annotator outlines two objects and submits.
  await page.keyboard.press('n');
  await drawPolygon(page, p, [[100, 100], [200, 100], [200, 200], [100, 200]]);
  await drawPolygon(page, p, [[400, 100], [500, 100], [500, 200], [400, 200]]);
  await page.keyboard.press('Escape');
  await expect(status(page)).toHaveText('in progress');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(status(page)).toHaveText('submitted');
  // Submitted work is the reviewer's now: the annotator's delete is refused.
  await clickImagePoints(page, p, [[150, 150]]);
  await page.keyboard.press('Delete');
  await expect(page.getByRole('alert').filter({ hasText: 'only a reviewer can change it' })).toBeVisible();
  await expect(page.getByTestId('object-count')).toHaveText('2');

  // The reviewer hides and shows the overlay, flags one outline and a missed nucleus, sends it back.
  await actAs(page, 'Rev', 'reviewer');
  await page.keyboard.press('v');
  await page.keyboard.press('v');
  await expect(page.getByRole('radio', { name: 'Hidden' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('v');
  await expect(page.getByRole('radio', { name: 'Fill' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('o');
  await raiseIssue(page, p, [150, 150], 'Wrong outline', 'Too wide on the right');
  await raiseIssue(page, p, [700, 700], 'Missing nucleus here', 'A faint nucleus here');
  await expect(page.getByTestId('open-issue-count')).toHaveText('2');
  await screenshot(page, 'review-mode');
  await page.getByRole('button', { name: 'Request changes' }).click();
  await expect(status(page)).toHaveText('changes requested');

  // The annotator sees both issues, fixes them, resolves them and resubmits.
  await actAs(page, 'Ann', 'annotator');
  await expect(page.getByTestId('issue-row')).toHaveCount(2);
  await clickImagePoints(page, p, [[150, 150]]);
  await dragVertex(page, p, [200, 100], [180, 100]);
  await page.keyboard.press('n');
  await drawPolygon(page, p, [[680, 680], [720, 680], [720, 720], [680, 720]]);
  await page.keyboard.press('Escape');
  for (const row of await page.getByTestId('issue-row').all()) {
    await row.click();
    await page.getByTestId('issue-dialog').getByRole('button', { name: 'Resolve' }).click();
    await expect(page.getByTestId('issue-state')).toHaveText('resolved');
    await page.getByTestId('issue-dialog').getByRole('button', { name: 'Close' }).click();
  }
  await expect(page.getByTestId('open-issue-count')).toHaveText('0');
  await page.keyboard.press('0'); // going to an issue centred the view on it: back to the whole image
  await expect(status(page)).toHaveText('in progress');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(status(page)).toHaveText('submitted');

  // The reviewer corrects one more outline directly and approves.
  await actAs(page, 'Rev', 'reviewer');
  await clickImagePoints(page, p, [[450, 150]]);
  await dragVertex(page, p, [500, 200], [520, 220]);
  await expect(status(page)).toHaveText('submitted');
  await page.keyboard.press('c');
  await expect(page.getByTestId('change-counts')).toHaveText('0 added · 0 removed · 1 reshaped');
  await screenshot(page, 'change-view');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(status(page)).toHaveText('approved');
  await waitUntilSaved(page);

  const checkDashboard = async () => {
    await page.getByRole('button', { name: 'Dashboard' }).click();
    const dashboard = page.getByTestId('dashboard');
    await expect(dashboard.getByTestId('count-approved')).toContainText('1');
    await expect(dashboard.getByTestId('count-submitted')).toContainText('0');
    await expect(dashboard.getByTestId('count-open-issues')).toHaveText('open issues 0');
    const row = dashboard.getByTestId('dashboard-row');
    await expect(row).toHaveCount(1);
    // image, status, objects, open issues, added, removed, reshaped, pixels changed, the submission's F1 and matched IoU
    // (its three objects all matched at IoU 0.5, the reshaped one less than exactly)
    await expect(row.locator('td')).toHaveText([IMAGE, 'approved', '3', '0', '0', '0', '1', /^[1-9]\d*\.\d\d %$|^0\.(0[1-9]|[1-9]\d) %$/, '1.000', /^0\.9\d\d$/]);
    await screenshot(page, 'dashboard');
    await dashboard.getByRole('button', { name: 'Close' }).click();
  };
  await checkDashboard();

  await page.reload();
  await waitForShownImage(page, IMAGE);
  await expect(status(page)).toHaveText('approved');
  await expect(page.getByTestId('issue-row')).toHaveCount(2);
  await expect(page.getByTestId('image-status-badge')).toHaveText('approved');
  await checkDashboard();
});

test('issues follow their object and are marked when it is deleted; R finds the next image to review; the list filters by status', async ({ page }) => {
  await openEmptyProject(page);
  const names = ['MFGTMPcx7_170702000001_B14f07d0.png', 'MFGTMPcx7_170702000001_D13f04d0.png'];
  await dropFiles(page, names.map((name) => realFile(join(DATASET, 'train', name))));
  await waitForShownImage(page, names[0]);
  const p = await placement(page);

  // The second image is drawn on and submitted by the annotator.
  await page.keyboard.press('f');
  await waitForShownImage(page, names[1]);
  await page.keyboard.press('n');
  await drawPolygon(page, p, [[300, 300], [400, 300], [400, 400], [300, 400]]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(status(page)).toHaveText('submitted');

  // The reviewer starts on the first image and jumps to the one waiting for review.
  await actAs(page, 'Rev', 'reviewer');
  await page.keyboard.press('d');
  await waitForShownImage(page, names[0]);
  await page.keyboard.press('r');
  await waitForShownImage(page, names[1]);
  await expect(page.getByTestId('object-count')).toHaveText('1'); // its object is on screen before the reviewer clicks it

  await raiseIssue(page, p, [350, 350], 'Should be split', 'two nuclei');
  // Moving the object moves its issue; the new place is stored.
  await clickImagePoints(page, p, [[320, 320]]);
  await dragVertex(page, p, [330, 380], [530, 380]); // from inside the object: moves all of it
  const storedIssueX = () =>
    page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => (indexedDB.open('nuclei-annotator').onsuccess = (event) => resolve((event.target as IDBOpenDBRequest).result)));
      const all = await new Promise<Array<{ x: number }>>((resolve) => (db.transaction('issues').objectStore('issues').getAll().onsuccess = (event) => resolve((event.target as IDBRequest).result)));
      db.close();
      return all.map((issue) => issue.x);
    });
  await expect.poll(storedIssueX).toEqual([expect.any(Number)]);
  await expect.poll(async () => (await storedIssueX())[0]).toBeGreaterThan(500);
  // Deleting the object leaves the issue, marked.
  await clickImagePoints(page, p, [[520, 380]]); // away from the issue's pin, up and right of the middle
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('object-count')).toHaveText('0');
  await page.getByTestId('issue-row').click();
  await expect(page.getByTestId('issue-dialog')).toContainText('On an object that has been deleted');
  await page.getByTestId('issue-dialog').getByRole('button', { name: 'Close' }).click();

  // The image list shows statuses and filters by them.
  await page.getByLabel('Show images').selectOption('submitted');
  await expect(page.getByTestId('image-row')).toHaveCount(1);
  await expect(page.getByTestId('image-row')).toHaveAttribute('data-name', names[1]);
  await page.getByLabel('Show images').selectOption('new');
  await expect(page.getByTestId('image-row')).toHaveCount(1);
  await expect(page.getByTestId('image-row')).toHaveAttribute('data-name', names[0]);
  await page.getByLabel('Show images').selectOption('all');
  await expect(page.getByTestId('image-row')).toHaveCount(2);
});
