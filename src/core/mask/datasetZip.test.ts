import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../formats/png';
import { imageFormatById } from '../interchange/registry';
import { writeDatasetZip, type DatasetImage } from './datasetZip';

const square = (x: number, z = 0) => ({ z, rings: [[x, 0, x + 2, 0, x + 2, 2, x, 2]] });

async function* lazily(images: DatasetImage[]): AsyncGenerator<DatasetImage> {
  for (const image of images) yield image; // as a worker would read them from storage
}

describe('writeDatasetZip', () => {
  it('writes <split>/<name>_objects.png per image, images optional, "all" without a split', async () => {
    const chunks: Uint8Array[] = [];
    const entries = await writeDatasetZip(
      lazily([
        { name: 'a.png', split: 'train', width: 8, height: 4, objects: [square(0), square(4)], image: Uint8Array.of(1, 2) },
        { name: 'folder/b.tif', width: 8, height: 4, objects: [square(1), square(1, 1), { z: 2, rings: [] }] },
      ]),
      (chunk) => chunks.push(chunk.slice()),
      { format: imageFormatById('objects'), formatOptions: { colors: 'voc' }, mtime: new Date(2024, 0, 1) },
    );
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(['train/a.png', 'train/a_objects.png', 'all/b_objects.png']);
    expect(files['train/a.png']).toEqual(Uint8Array.of(1, 2));
    const mask = decodePng('a', files['train/a_objects.png']);
    expect(Array.from(mask.data.subarray(0, 3))).toEqual([128, 0, 0]); // VOC 1
    expect(entries.map(({ path, objects, overlapPixels, emptyObjects }) => ({ path, objects, overlapPixels, emptyObjects }))).toEqual([
      { path: 'train/a_objects.png', objects: 2, overlapPixels: 0, emptyObjects: [] },
      { path: 'all/b_objects.png', objects: 3, overlapPixels: 4, emptyObjects: [0, 2] },
    ]);
  });

  it('names every entry so that it unpacks on Windows too', async () => {
    const chunks: Uint8Array[] = [];
    const entries = await writeDatasetZip(
      [{ name: 'well:A1 "x"?.png', split: 'dev|2', width: 4, height: 4, objects: [square(0)], image: Uint8Array.of(1) }, { name: 'CON.png', width: 4, height: 4, objects: [], image: Uint8Array.of(2) }],
      (chunk) => chunks.push(chunk.slice()),
      { format: imageFormatById('objects'), formatOptions: {}, mtime: new Date(2024, 0, 1) },
    );
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
    expect(Object.keys(unzipSync(bytes))).toEqual(['dev_2/well_A1 _x__.png', 'dev_2/well_A1 _x___objects.png', 'all/_CON.png', 'all/CON_objects.png']);
    expect(entries.map((entry) => entry.path)).toEqual(['dev_2/well_A1 _x___objects.png', 'all/CON_objects.png']);
  });

  it('writes label images when asked, and refuses two images with the same mask path', async () => {
    const files: Uint8Array[] = [];
    await writeDatasetZip([{ name: 'a.png', width: 4, height: 2, objects: [square(0)] }], (c) => files.push(c.slice()), { format: imageFormatById('label16'), formatOptions: {} });
    const all = new Uint8Array(files.reduce((n, c) => n + c.length, 0));
    files.reduce((at, c) => (all.set(c, at), at + c.length), 0);
    expect(Object.keys(unzipSync(all))).toEqual(['all/a_label16.png']);
    await expect(writeDatasetZip([{ name: 'a.png', width: 1, height: 1, objects: [] }, { name: 'x/a.tif', width: 1, height: 1, objects: [] }], () => {}, { format: imageFormatById('objects'), formatOptions: {} })).rejects.toThrow(
      'the archive already has a file all/a_objects.png',
    );
  });
});
