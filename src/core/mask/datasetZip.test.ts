import { unzipSync } from 'fflate';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImageFile } from '../formats/decode';
import { decodePng, encodePng } from '../formats/png';
import { annotationFilesAmong } from '../interchange/pairing';
import { imageFormatById } from '../interchange/registry';
import { sharedDataDir } from '../testing/sharedData';
import { writeDatasetZip, type DatasetImage, type DatasetZipOptions } from './datasetZip';
import { decodeMask } from './decodeMask';
import { importMask } from './importMask';

const square = (x: number, z = 0) => ({ z, rings: [[x, 0, x + 2, 0, x + 2, 2, x, 2]] });

async function* lazily(images: DatasetImage[]): AsyncGenerator<DatasetImage> {
  for (const image of images) yield image; // as a worker would read them from storage
}

const dir = sharedDataDir();

/** The archive's files, written through the stream. */
async function zipped(images: DatasetImage[] | AsyncIterable<DatasetImage>, options: DatasetZipOptions): Promise<Record<string, Uint8Array>> {
  const chunks: Uint8Array[] = [];
  await writeDatasetZip(images, (chunk) => chunks.push(chunk.slice()), { mtime: new Date(2024, 0, 1), ...options });
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
  return unzipSync(bytes);
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

  const grey = { width: 4, height: 2, channels: 1 as const, bitDepth: 8 as const, data: Uint8Array.of(0, 50, 100, 150, 200, 250, 7, 9) };
  const images: DatasetImage[] = [
    { name: 'A.PNG', split: 'train', width: 4, height: 2, objects: [square(0, 1), square(2, 2)], image: encodePng(grey) },
    { name: 'CON.png', split: 'train', width: 4, height: 2, objects: [], image: encodePng(grey) },
  ];

  it("lays out a Cellpose training set: the image in a format Cellpose reads, <name>_masks.tif, pairs that the app's intake pairs again", async () => {
    const files = await zipped(images, { layout: 'cellpose', format: imageFormatById('objects'), formatOptions: {} });
    expect(Object.keys(files)).toEqual(['train/A.png', 'train/A_masks.tif', 'train/_CON.png', 'train/_CON_masks.tif']);
    expect(files['train/A.png']).toEqual(images[0].image);
    expect(Array.from(decodeImageFile('m.tif', files['train/A_masks.tif']).data)).toEqual([1, 1, 2, 2, 1, 1, 2, 2]); // 16-bit labels in stacking order
    expect(annotationFilesAmong(Object.keys(files)).map((file) => file?.imageBase ?? null)).toEqual([null, 'A', null, '_CON']);
  });

  it('lays out a StarDist training set: images/<name>.tif and masks/<name>.tif, images written as TIFF of the same samples', async () => {
    const files = await zipped(images, { layout: 'stardist', format: imageFormatById('objects'), formatOptions: {} });
    expect(Object.keys(files)).toEqual(['train/images/A.tif', 'train/masks/A.tif', 'train/images/_CON.tif', 'train/masks/_CON.tif']);
    expect(decodeImageFile('a.tif', files['train/images/A.tif'])).toEqual(grey);
    expect(Array.from(decodeImageFile('m.tif', files['train/masks/A.tif']).data)).toEqual([1, 1, 2, 2, 1, 1, 2, 2]);
    expect(annotationFilesAmong(Object.keys(files)).map((file) => file && `${file.format.id} → ${file.imageBase}`)).toEqual([null, 'label16-tiff → A', null, 'label16-tiff → _CON']);
  });

  it.skipIf(!dir)('exports dataset masks for StarDist pixel for pixel, and images as TIFF sample for sample', async () => {
    // The dev and test masks; images (converted from PNG, the slow part) for the first three.
    const root = join(dir!, 'aitslab-bioimaging1');
    const entries = ['dev', 'test'].flatMap((split) => readdirSync(join(root, split)).filter((name) => name.endsWith('_objects.png')).map((name) => ({ split, name: name.replace('_objects.png', '') })));
    const withImage = (i: number) => i < 3;
    async function* dataset(): AsyncGenerator<DatasetImage> {
      for (const [i, { split, name }] of entries.entries()) {
        const mask = importMask(name, readFileSync(join(root, split, `${name}_objects.png`)));
        yield { name: `${name}.png`, split, width: mask.width, height: mask.height, objects: mask.objects, image: withImage(i) ? readFileSync(join(root, split, `${name}.png`)) : undefined };
      }
    }
    const files = await zipped(dataset(), { layout: 'stardist', format: imageFormatById('objects'), formatOptions: {} });
    let exactMasks = 0, exactImages = 0;
    for (const [i, { split, name }] of entries.entries()) {
      const original = decodeMask(name, readFileSync(join(root, split, `${name}_objects.png`))).labels;
      const labels = decodeMask('m.tif', files[`${split}/masks/${name}.tif`]).labels;
      // The same partition: label numbers differ (first appearance vs stacking order), pixels do not.
      const pairs = new Map<number, number>();
      if (original.every((label, p) => (pairs.get(label) ?? (pairs.set(label, labels[p]), labels[p])) === labels[p]) && new Set(pairs.values()).size === pairs.size) exactMasks++;
      if (withImage(i)) {
        const [written, source] = [decodeImageFile('i.tif', files[`${split}/images/${name}.tif`]), decodeImageFile('i.png', readFileSync(join(root, split, `${name}.png`)))];
        if (written.width === source.width && written.data.every((v, p) => v === source.data[p])) exactImages++;
      }
    }
    expect({ exactMasks, exactImages }).toEqual({ exactMasks: 20, exactImages: 3 });
  });
});
