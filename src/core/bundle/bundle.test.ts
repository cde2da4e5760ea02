import { strToU8, zipSync } from 'fflate';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageFormatById } from '../interchange/registry';
import { writeDatasetZip } from '../mask/datasetZip';
import { importMask } from '../mask/importMask';
import { sharedDataDir } from '../testing/sharedData';
import { bytesSource } from '../testing/bytesSource';
import { toBundleImage, type BundleImage } from './format';
import { openBundle, readBundleImage } from './read';
import { entryOf, generatedImage } from './testing/generated';
import { writeBundle, type BundleEntryImage } from './write';

const NOW = 1_800_000_000_000;

async function bundleBytes(images: BundleEntryImage[], createdIn = 'browser-a'): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await writeBundle(images, (chunk) => chunks.push(chunk.slice()), { createdBy: 'ann', createdIn, createdAt: NOW });
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
  return bytes;
}

async function readAll(fileName: string, bytes: Uint8Array): Promise<{ version: number; images: BundleImage[] }> {
  const source = bytesSource(bytes);
  const bundle = await openBundle(fileName, source);
  if (!bundle) throw new Error('not a bundle');
  const images = [];
  for (let i = 0; i < bundle.manifest.images.length; i++) images.push(await readBundleImage(bundle, source, i, NOW));
  return { version: bundle.version, images };
}

/** A hand-made archive (fflate writes any names and contents): for bundles the app would never write. */
const handMade = (files: Record<string, unknown>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([path, value]) => [path, value instanceof Uint8Array ? value : strToU8(typeof value === 'string' ? value : JSON.stringify(value))])));

async function validBundleFiles(): Promise<Record<string, Uint8Array>> {
  const { unzipSync } = await import('fflate');
  return unzipSync(await bundleBytes([entryOf(generatedImage(1, 3))]));
}

describe('bundle version 1', () => {
  it('gives back every image exactly: record, objects with ids and versions, submissions, issues, layers, the file', async () => {
    const stored = [generatedImage(1), generatedImage(2, 0), generatedImage(3, 150)];
    const bytes = await bundleBytes(stored.map(entryOf));
    const { version, images } = await readAll('project.zip', bytes);
    expect(version).toBe(1);
    expect(images).toEqual(stored.map(toBundleImage));
    expect(images[2].objects.map((o) => [o.id, o.version])).toEqual(stored[2].objects.map((o) => [o.id, o.version]));
    const source = bytesSource(bytes);
    const bundle = (await openBundle('project.zip', source))!;
    expect(bundle.manifest).toMatchObject({ format: 'nuclei-annotator-bundle', version: 1, createdBy: 'ann', createdIn: 'browser-a', createdAt: NOW });
    expect(bundle.manifest.images.map((image) => image.contentHash)).toEqual(stored.map((image) => image.record.contentHash));
    // The file is stored as it was, so it can be handed on without inflating.
    const entry = bundle.entries.get(bundle.manifest.images[0].source!.path)!;
    expect(entry.method).toBe(0);
  });

  it('leaves this browser\'s list order, object count and thumbnail out of the record', async () => {
    const [image] = (await readAll('p.zip', await bundleBytes([entryOf(generatedImage(4))]))).images;
    expect(Object.keys(image.record)).not.toContain('order');
    expect(Object.keys(image.record)).not.toContain('objectCount');
    expect(Object.keys(image.record)).not.toContain('thumbnail');
  });

  it('is not a bundle when the ZIP has neither a manifest nor review.json (other ZIPs keep their handling)', async () => {
    expect(await openBundle('rois.zip', bytesSource(handMade({ 'a.roi': 'x' })))).toBeNull();
  });
});

describe('hostile bundles: a clear reason naming the file', () => {
  const refused = async (files: Record<string, unknown> | Uint8Array, reason: RegExp) => {
    const bytes = files instanceof Uint8Array ? files : handMade(files);
    await expect(readAll('evil.zip', bytes)).rejects.toThrow(new RegExp(`^evil\\.zip: .*${reason.source}`));
  };

  it('a newer version, another format, a missing manifest field', async () => {
    const files = await validBundleFiles();
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    await refused({ ...files, 'manifest.json': { ...manifest, version: 2 } }, /version 2 was written by a newer version of the app/);
    await refused({ ...files, 'manifest.json': { ...manifest, format: 'something-else' } }, /format is "something-else"/);
    await refused({ ...files, 'manifest.json': { ...manifest, images: 'many' } }, /images is not a list/);
  });

  it('bad JSON, a missing entry, an image.json that disagrees with the manifest', async () => {
    const files = await validBundleFiles();
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    await refused({ ...files, 'manifest.json': '{"format": "nuclei-annotator-bundle",' }, /manifest\.json is not valid JSON/);
    await refused({ ...files, 'images/0001/image.json': 'not json' }, /images\/0001\/image\.json is not valid JSON/);
    const { 'images/0001/image.json': _gone, ...missing } = files;
    await refused(missing, /lists images\/0001\/image\.json for generated_1\.png, but the archive has no such entry/);
    const image = JSON.parse(new TextDecoder().decode(files['images/0001/image.json']));
    await refused({ ...files, 'images/0001/image.json': { ...image, objects: [{ ...image.objects[0], rings: [[0, 0, 1]] }] } }, /objects\[0\]\.rings\[0\] has an odd number of coordinates/);
    await refused({ ...files, 'images/0001/image.json': { ...image, record: { ...image.record, status: 'done' } } }, /record\.status is not one of/);
    await refused({ ...files, 'manifest.json': { ...manifest, images: [{ ...manifest.images[0], contentHash: 'f'.repeat(64) }] } }, /content hash differs from the manifest's/);
  });

  it('huge counts are refused before anything is built from them', async () => {
    const files = await validBundleFiles();
    const image = JSON.parse(new TextDecoder().decode(files['images/0001/image.json']));
    await refused({ ...files, 'images/0001/image.json': { ...image, objects: new Array(1_000_001).fill(0) } }, /objects has 1000001 entries, more than the 1000000 allowed/);
  });

  it('a name that could land outside its folder', async () => {
    const files = await validBundleFiles();
    await refused({ ...files, '../../evil.sh': 'rm -rf' }, /an entry named "\.\.\/\.\.\/evil\.sh", which could land outside its folder/);
    await refused({ ...files, 'C:/evil.txt': 'x' }, /"C:\/evil\.txt", which could land outside/);
  });

  it('a lying size and damaged data are found (CRC-32), truncation too', async () => {
    const bytes = await bundleBytes([entryOf(generatedImage(5, 3))]);
    // The central directory's uncompressed size of the manifest (the last entry) made smaller.
    const lying = bytes.slice();
    const view = new DataView(lying.buffer);
    const end = lying.length - 22;
    const directory = view.getUint32(end + 16, true);
    let at = directory;
    for (let i = 0; i < view.getUint16(end + 10, true) - 1; i++) at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    view.setUint32(at + 24, view.getUint32(at + 24, true) - 10, true);
    await refused(lying, /manifest\.json is damaged \(the compressed data inflates to more than/);
    await refused(bytes.subarray(0, bytes.length - 30), /not a ZIP archive/);
    await refused(bytes.subarray(bytes.length / 2), /(outside the file|truncated)/);
  });
});

describe('bundle version 0: the project ZIP export', () => {
  const dir = sharedDataDir();
  it.runIf(dir)('reads a real project ZIP with images: objects traced from the masks, statuses and issues from review.json', async () => {
    const folder = join(dir!, 'aitslab-bioimaging1', 'train');
    const [maskName] = readdirSync(folder).filter((name) => name.endsWith('_objects.png')).sort();
    const imageName = maskName.replace('_objects.png', '.png');
    const mask = importMask(maskName, readFileSync(join(folder, maskName)));
    const objects = mask.objects;
    expect(objects.length).toBeGreaterThan(10);
    const image = readFileSync(join(folder, imageName));
    const review = [
      {
        image: imageName,
        status: 'submitted',
        statusHistory: [{ status: 'submitted', by: 'ann', role: 'annotator', at: 1_700_000_000_000 }],
        issues: [{ ...generatedImage(9).issues[0], imageId: 'old-id' }],
        submissions: [{ imageId: 'old-id', submittedAt: 1_700_000_000_000, submittedBy: 'ann', objects: [] }],
      },
    ];
    const chunks: Uint8Array[] = [];
    await writeDatasetZip([{ name: imageName, split: 'train', width: mask.width, height: mask.height, objects, image }], (chunk) => chunks.push(chunk.slice()), {
      format: imageFormatById('objects'),
      formatOptions: { colors: 'voc' },
      extraFiles: async () => [{ path: 'review.json', bytes: new TextEncoder().encode(JSON.stringify(review)) }],
    });
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);

    const bundle = (await openBundle('nuclei-masks.zip', bytesSource(bytes)))!;
    expect(bundle.version).toBe(0);
    expect(bundle.manifest.images).toEqual([{ data: null, name: imageName, contentHash: null, source: { path: `train/${imageName}`, kind: 'original', name: imageName } }]);
    const read = await readBundleImage(bundle, bytesSource(bytes), 0, NOW);
    expect(read.objects).toHaveLength(objects.length);
    expect(read.objects.map((o) => o.rings)).toEqual(objects.map((o) => o.rings));
    expect(read.objects.every((o) => o.version === 1 && o.author === 'ann' && o.createdAt === NOW)).toBe(true);
    expect(read.record).toMatchObject({ name: imageName, split: 'train', width: mask.width, height: mask.height, status: 'submitted' });
    expect(read.issues.map((issue) => issue.comments)).toEqual([review[0].issues[0].comments]);
    expect(read.submissions).toHaveLength(1);
  });

  it('without the images: each mask listed by its image name, with no file and no hash (matched by name on import)', async () => {
    const square = { z: 1, rings: [[2, 2, 6, 2, 6, 6, 2, 6]] };
    const chunks: Uint8Array[] = [];
    await writeDatasetZip([{ name: 'a.png', width: 10, height: 10, objects: [square] }, { name: 'b.tif', split: 'test', width: 10, height: 10, objects: [] }], (chunk) => chunks.push(chunk.slice()), {
      format: imageFormatById('objects'),
      formatOptions: {},
      extraFiles: async () => [{ path: 'review.json', bytes: new TextEncoder().encode('[]') }],
    });
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
    const { version, images } = await readAll('old.zip', bytes);
    expect(version).toBe(0);
    expect(images.map((image) => [image.record.name, image.record.split, image.record.status, image.objects.length])).toEqual([
      ['a', undefined, 'in progress', 1],
      ['b', 'test', 'new', 0],
    ]);
    const corners = (ring: number[]) => ring.flatMap((_, i) => (i % 2 ? [] : [`${ring[i]},${ring[i + 1]}`])).sort();
    expect(images[0].objects[0].rings.map(corners)).toEqual([corners([2, 2, 6, 2, 6, 6, 2, 6])]);
    const bundle = (await openBundle('old.zip', bytesSource(bytes)))!;
    expect(bundle.manifest.images.map((image) => [image.source, image.contentHash])).toEqual([[null, null], [null, null]]);
  });

  it('a review.json that is not a list of image records is refused by name', async () => {
    await expect(readAll('old.zip', handMade({ 'review.json': { image: 'a.png' }, 'all/a_objects.png': new Uint8Array(8) }))).rejects.toThrow('old.zip: review.json is not a list');
    await expect(readAll('old.zip', handMade({ 'review.json': [{ image: 'a.png', status: 'finished', statusHistory: [] }] }))).rejects.toThrow(/old\.zip: review\.json: \[0\]\.status is not one of/);
  });
});
