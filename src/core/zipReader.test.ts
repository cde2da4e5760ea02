import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bytesSource } from './testing/bytesSource';
import { isSafeZipPath, readZipEntry, readZipIndex, type ByteSource } from './zipReader';
import { zipToBytes } from './zip';

const LIMITS = { entries: 100, directoryBytes: 1 << 20 };
const random = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 2654435761 + seed) >>> 24);

/** Counts the bytes a reader takes from the source. */
function counted(bytes: Uint8Array): ByteSource & { taken: number } {
  const inner = bytesSource(bytes);
  const source = { size: inner.size, taken: 0, read: async (offset: number, length: number) => ((source.taken += length), inner.read(offset, length)) };
  return source;
}

describe('readZipIndex / readZipEntry', () => {
  const files = { 'a/one.bin': random(300_000, 1), 'a/two.bin': random(300_000, 2), 'b/small.txt': new TextEncoder().encode('hello '.repeat(100)) };
  const archive = zipToBytes(Object.entries(files).map(([path, bytes]) => ({ path, bytes })));

  it('reads the directory from the end and one entry at a time, taking only what that needs', async () => {
    const source = counted(archive);
    const index = await readZipIndex('x.zip', source, LIMITS);
    expect(index.map((entry) => entry.path)).toEqual(Object.keys(files));
    const afterIndex = source.taken;
    expect(afterIndex).toBeLessThan(70_000); // the tail it searches for the end record, and the directory
    const small = await readZipEntry('x.zip', source, index[2], 1 << 20);
    expect(new TextDecoder().decode(small)).toBe('hello '.repeat(100));
    expect(source.taken - afterIndex).toBeLessThan(200); // header + compressed text, not the big entries
    expect(await readZipEntry('x.zip', source, index[0], 1 << 20)).toEqual(files['a/one.bin']);
  });

  it('refuses above the limits before reading: entries, directory size, an entry\'s size', async () => {
    await expect(readZipIndex('x.zip', bytesSource(archive), { ...LIMITS, entries: 2 })).rejects.toThrow('x.zip: the archive has 3 entries, more than the 2 allowed');
    await expect(readZipIndex('x.zip', bytesSource(archive), { ...LIMITS, directoryBytes: 50 })).rejects.toThrow(/x\.zip: the archive's directory is \d+ bytes, more than the 50 allowed/);
    const source = counted(archive);
    const index = await readZipIndex('x.zip', source, LIMITS);
    const before = source.taken;
    await expect(readZipEntry('x.zip', source, index[0], 1000)).rejects.toThrow('x.zip: a/one.bin is 300000 bytes uncompressed, more than the 1000 allowed');
    expect(source.taken).toBe(before);
  });

  it('refuses unsafe names, other compression and non-archives', async () => {
    for (const path of ['../x', 'a/../../x', '/etc/passwd', 'a\\b', 'D:/x', './x']) expect(isSafeZipPath(path), path).toBe(false);
    for (const path of ['a', 'a/b.png', 'folder/']) expect(isSafeZipPath(path), path).toBe(true);
    const evil = zipSync({ '../escape.txt': new Uint8Array(3) });
    await expect(readZipIndex('e.zip', bytesSource(evil), LIMITS)).rejects.toThrow('e.zip: the archive has an entry named "../escape.txt", which could land outside its folder');
    const other = zipSync({ 'a.txt': new Uint8Array(3) }, { level: 0 }).slice();
    const view = new DataView(other.buffer);
    view.setUint16(view.getUint32(other.length - 22 + 16, true) + 10, 12, true); // bzip2, says the central directory
    await expect(readZipIndex('o.zip', bytesSource(other), LIMITS)).rejects.toThrow('o.zip: a.txt uses compression method 12');
    await expect(readZipIndex('n.zip', bytesSource(random(5000, 3)), LIMITS)).rejects.toThrow('n.zip: not a ZIP archive (no end of central directory record)');
  });
});
