import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { drawPolygon, expectRing, placement, storedObjects, waitUntilSaved } from './annotation';
import { DATASET, dropFiles, openEmptyProject, realFile, waitForShownImage } from './helpers';
import { exportFile } from './masks';

const IMAGE = 'MFGTMPcx7_170702000001_F24f14d0.png';

/** What CVAT writes for a task with one image (points with two decimals, as CVAT does). */
const CVAT_XML = `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta><task><name>nuclei</name><labels><label><name>nucleus</name></label><label><name>debris</name></label></labels></task></meta>
  <image id="0" name="train/${IMAGE}" width="1104" height="1104">
    <polygon label="nucleus" source="manual" occluded="0" points="10.50,20.25;60.00,20.00;40.75,70.10" z_order="0"></polygon>
    <polygon label="debris" source="manual" occluded="0" points="200.00,200.00;260.00,200.00;260.00,260.00;200.00,260.00" z_order="1"></polygon>
    <box label="nucleus" source="manual" occluded="0" xtl="1" ytl="1" xbr="5" ybr="5" z_order="0"></box>
  </image>
  <image id="1" name="not_in_project.png" width="1104" height="1104">
    <polygon label="nucleus" source="manual" occluded="0" points="1,1;5,1;5,5" z_order="0"></polygon>
  </image>
</annotations>`;

test('CVAT XML polygons come in onto images matched by name and go out again with the same points', async ({ page }) => {
  await openEmptyProject(page);
  await dropFiles(page, [realFile(join(DATASET, 'train', IMAGE)), { name: 'annotations.xml', bytes: Buffer.from(CVAT_XML) }]);
  await waitForShownImage(page, IMAGE);
  await expect(page.getByTestId('object-count')).toHaveText('2');
  const report = page.getByRole('alert').filter({ hasText: 'annotations.xml' });
  await expect(report).toContainText('2 objects added');
  await expect(report).toContainText('no image in the project for not_in_project.png');
  await expect(report).toContainText('1 box');
  await waitUntilSaved(page);
  const stored = await storedObjects(page);
  expectRing(stored[0].rings[0], [10.5, 20.25, 60, 20, 40.75, 70.1]);
  expectRing(stored[1].rings[0], [200, 200, 260, 200, 260, 260, 200, 260]);
  expect(stored[1].note).toContain('CVAT label: debris');

  const { name, bytes } = await exportFile(page, /CVAT for images/, 'Export project (XML)');
  expect(name).toBe('annotations.xml');
  const xml = bytes.toString('utf8');
  expect(xml).toContain(`name="${IMAGE}"`);
  expect(xml).toMatch(/<polygon[^>]*points="10.5,20.25;60,20;40.75,70.1"/);
  expect(xml).toMatch(/<polygon[^>]*points="200,200;260,200;260,260;200,260"/);

  // An outline drawn at the fit zoom has arbitrary fractions: written with two decimals, as CVAT does.
  await page.getByTestId('export-dialog').getByRole('button', { name: 'Close' }).click();
  const p = await placement(page);
  await page.keyboard.press('n');
  await drawPolygon(page, p, [[500.3, 500.7], [600.1, 510.9], [560.2, 590.4]]);
  await page.keyboard.press('Escape');
  await waitUntilSaved(page);
  const again = (await exportFile(page, /CVAT for images/, 'Export project (XML)')).bytes.toString('utf8');
  const coordinates = [...again.matchAll(/points="([^"]*)"/g)].flatMap((match) => match[1].split(/[;,]/));
  expect(coordinates.length).toBe(2 * (3 + 4 + 3));
  for (const value of coordinates) expect(value).toMatch(/^\d+(\.\d{1,2})?$/);

  // A broken file is refused by name; the objects stay.
  await dropFiles(page, [{ name: 'broken.xml', bytes: Buffer.from('<annotations><image id="0" name="a.png" width="1104"') }]);
  await expect(page.getByRole('alert').filter({ hasText: 'broken.xml' })).toBeVisible();
  await expect(page.getByTestId('object-count')).toHaveText('3');
});
