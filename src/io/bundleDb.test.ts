import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { AnnotationObject } from '../core/objects';
import type { ImageRecord } from '../core/project';
import { browserId, loadStoredImage, receivedKey, writeBundleImage } from './bundleDb';
import { loadObjects, loadPixels, loadSource, readMeta, saveObjectChanges } from './db';

const square = (id: string, version: number, x = 0): AnnotationObject => ({
  id, version, rings: [[x, 0, x + 10, 0, x + 10, 10, x, 10]], z: 1, label: 'nucleus', createdAt: 0, updatedAt: version, author: 'a',
});
const record = (id: string) => ({ id, name: `${id}.png`, width: 20, height: 20, order: 0, status: 'new', statusHistory: [], objectCount: 0 }) as unknown as ImageRecord;
const nothingElse = { submissions: [], issues: [], layers: [], meta: [] };

describe('writeBundleImage (one image from a bundle, one transaction)', () => {
  it('adds a new image whole: record, pixels, file, objects, review and meta, with the stored object count', async () => {
    const count = await writeBundleImage({
      record: record('new'),
      added: { pixels: { id: 'new', display: { width: 1, height: 1, channels: 1, bitDepth: 8, data: new Uint8Array(1) }, original: null }, source: { id: 'new', name: 'new.png', blob: new Blob(['file']) } },
      objects: [square('a', 3), square('b', 1, 10)],
      removed: [],
      expected: new Map(),
      ...nothingElse,
      issues: [{ id: 'i', imageId: 'new', kind: 'comment', x: 1, y: 1, objectId: 'a', status: 'open', comments: [], createdBy: 'r', createdAt: 0 }],
      meta: [{ key: receivedKey('new'), value: { other: { a: '3:3:a' } } }],
    });
    expect(count).toBe(2);
    const stored = (await loadStoredImage('new'))!;
    expect(stored.record.objectCount).toBe(2);
    expect(stored.objects.map((object) => [object.id, object.version])).toEqual([['a', 3], ['b', 1]]);
    expect(stored.issues.map((issue) => issue.id)).toEqual(['i']);
    expect(stored.received).toEqual({ other: { a: '3:3:a' } });
    expect(await loadPixels('new')).toBeTruthy();
    expect(await (await loadSource('new'))!.blob.text()).toBe('file');
  });

  it('writes nothing, and says so, when an object it merges changed since the merge read it', async () => {
    await saveObjectChanges('new', [{ id: 'a', base: 3, after: square('a', 4, 5) }]); // the user's save meanwhile
    const count = await writeBundleImage({ record: record('new'), objects: [square('a', 9, 2), square('c', 1)], removed: ['b'], expected: new Map([['a', 3], ['c', null], ['b', 1]]), ...nothingElse, meta: [{ key: 'x', value: 1 }] });
    expect(count).toBeNull();
    expect((await loadObjects('new')).map((object) => [object.id, object.version]).sort()).toEqual([['a', 4], ['b', 1]]);
    expect(await readMeta('x')).toBeUndefined();
    expect(await writeBundleImage({ record: record('new'), objects: [square('c', 1)], removed: ['b'], expected: new Map([['c', null], ['b', 1]]), ...nothingElse })).toBe(2);
  });

  it('gives this browser one id, kept', async () => {
    const id = await browserId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(await browserId()).toBe(id);
  });
});
