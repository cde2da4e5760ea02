import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { errorOf } from './testing/errors';
import { createZipStream, readZip, zipToBytes } from './zip';

function collect(): { chunks: Uint8Array[]; finals: boolean[]; onChunk: (chunk: Uint8Array, final: boolean) => void; bytes: () => Uint8Array } {
  const chunks: Uint8Array[] = [], finals: boolean[] = [];
  return {
    chunks,
    finals,
    onChunk: (chunk, final) => {
      chunks.push(chunk.slice());
      finals.push(final);
    },
    bytes: () => {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      chunks.reduce((at, c) => (out.set(c, at), at + c.length), 0);
      return out;
    },
  };
}

describe('createZipStream', () => {
  it('streams entries as they are added; unzip reads back the listing and bytes', () => {
    const sink = collect();
    const zip = createZipStream(sink.onChunk, { mtime: new Date(2024, 0, 2) });
    const png = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) % 256);
    zip.addFile('train/a_objects.png', png);
    const afterFirst = sink.chunks.length;
    expect(afterFirst).toBeGreaterThan(0); // emitted before the archive is finished
    zip.addFile('dev/b_objects.png', Uint8Array.of(1, 2, 3));
    zip.addFile('annotations.xml', new TextEncoder().encode('<annotations/>'.repeat(100)), { compress: true });
    zip.finish();
    expect(sink.finals.at(-1)).toBe(true);
    expect(sink.finals.slice(0, -1).every((f) => !f)).toBe(true);
    const files = unzipSync(sink.bytes());
    expect(Object.keys(files)).toEqual(['train/a_objects.png', 'dev/b_objects.png', 'annotations.xml']);
    expect(files['train/a_objects.png']).toEqual(png);
    expect(files['dev/b_objects.png']).toEqual(Uint8Array.of(1, 2, 3));
    expect(new TextDecoder().decode(files['annotations.xml'])).toBe('<annotations/>'.repeat(100));
    expect(sink.bytes().length).toBeLessThan(5000 + 3 + 1400 + 500); // the XML was deflated
  });

  it('is byte-identical for the same input and time', () => {
    const make = () => {
      const sink = collect();
      const zip = createZipStream(sink.onChunk, { mtime: new Date(2024, 0, 2) });
      zip.addFile('a/b.png', Uint8Array.of(9, 8, 7));
      zip.finish();
      return sink.bytes();
    };
    expect(make()).toEqual(make());
  });

  it('refuses unsafe or repeated paths', () => {
    const zip = createZipStream(() => {});
    for (const path of ['', '/abs.png', '../up.png', 'a/../b.png', 'a\\b.png', 'a//b.png', './a.png']) {
      expect(() => zip.addFile(path, new Uint8Array(1)), path).toThrow(/is not a valid path inside a ZIP archive/);
    }
    zip.addFile('a.png', new Uint8Array(1));
    expect(() => zip.addFile('a.png', new Uint8Array(1))).toThrow('the archive already has a file a.png');
  });
});

describe('readZip', () => {
  const limits = { entries: 4, entryBytes: 100, totalBytes: 150 };
  const entries = (...sizes: number[]) => sizes.map((size, i) => ({ path: `d/${i}.bin`, bytes: new Uint8Array(size).fill(i) }));

  it('reads the wanted entries in directory order, as zipToBytes wrote them', () => {
    const zip = zipToBytes([...entries(3, 80), { path: 'notes.txt', bytes: Uint8Array.of(1) }]);
    expect(readZip('a.zip', zip, (path) => path.endsWith('.bin'), limits)).toEqual(entries(3, 80));
  });

  it('checks counts and sizes from the central directory before inflating anything', () => {
    expect(errorOf(() => readZip('a.zip', zipToBytes(entries(1, 1, 1, 1, 1)), () => false, limits)).message).toBe('a.zip: the archive has more than 4 entries');
    expect(errorOf(() => readZip('a.zip', zipToBytes(entries(101)), () => true, limits)).message).toBe('a.zip: d/0.bin is 101 bytes uncompressed, more than the 100 allowed');
    expect(errorOf(() => readZip('a.zip', zipToBytes(entries(100, 60)), () => true, limits)).message).toBe('a.zip: the archive holds more than 150 bytes uncompressed');
    expect(readZip('a.zip', zipToBytes(entries(100, 60)), (path) => path === 'd/0.bin', limits)).toHaveLength(1); // entries not read do not count
  });

  it('refuses what is not a ZIP archive, and two entries of one name', () => {
    expect(errorOf(() => readZip('a.zip', Uint8Array.of(1, 2, 3), () => true, limits)).message).toMatch(/^a\.zip: not a readable ZIP archive/);
    const zip = zipToBytes(entries(1, 1));
    for (let i = 0; i + 8 < zip.length; i++) if (String.fromCharCode(...zip.subarray(i, i + 7)) === 'd/1.bin') zip[i + 2] = '0'.charCodeAt(0);
    expect(errorOf(() => readZip('a.zip', zip, () => true, limits)).message).toBe('a.zip: the archive has two entries named d/0.bin');
  });
});
