import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ImageRecord } from '../core/project';
import { contentHashOf } from './contentHash';
import { addImage, loadImageRecord } from './db';
import { sha256Hex } from './sha256';

const image = (id: string) => ({ id, name: `${id}.png`, width: 1, height: 1, order: 0, status: 'new', statusHistory: [], objectCount: 0 }) as unknown as ImageRecord;
const pixels = (id: string, value: number) => ({ id, display: { width: 1, height: 1, channels: 1, data: new Uint8Array([value]) }, original: null }) as never;
const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('content hash (an image is recognized by its file, not its name)', () => {
  it('is the SHA-256 of the bytes', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(ABC_SHA256);
  });

  it('is computed once from the stored original file of an image stored without one, and written back', async () => {
    const file = new Blob([new TextEncoder().encode('abc')]);
    await addImage(image('old'), pixels('old', 7), { id: 'old', name: 'old.png', blob: file });
    expect(await contentHashOf(image('old'))).toBe(ABC_SHA256);
    expect((await loadImageRecord('old'))?.contentHash).toBe(ABC_SHA256);
  });

  it('falls back to the pixels for images without a file (the demo)', async () => {
    await addImage(image('demo'), pixels('demo', 7), null);
    expect(await contentHashOf(image('demo'))).toBe(await sha256Hex(new Uint8Array([7])));
  });
});
