import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createZipStream } from './zip';

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
