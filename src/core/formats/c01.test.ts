import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Raster16 } from '../raster';
import { rasterDifference } from '../testing/rasters';
import { sharedDataDir } from '../testing/sharedData';
import { decodeC01, encodeC01 } from './c01';
import { decodePng } from './png';
import { errorOf } from '../testing/errors';
import { c01Container, plainC01 } from '../testing/c01Files';

const dir = sharedDataDir();

/** Pseudo-random 16-bit raster (xorshift), incompressible enough to span many zlib blocks. */
function noise(width: number, height: number, seed = 1): Raster16 {
  let s = seed;
  const data = new Uint16Array(width * height).map(() => {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    return s & 0xffff;
  });
  return { width, height, channels: 1, bitDepth: 16, data };
}

describe('encodeC01 / decodeC01', () => {
  it('round-trips small and multi-piece rasters exactly', () => {
    for (const [w, h] of [[1, 1], [17, 31], [400, 300]]) {
      const raster = noise(w, h, w * 7 + h);
      const bytes = encodeC01(raster);
      if (w === 400) expect(bytes.length).toBeGreaterThan(3 * 64 * 1024); // several inflate pieces
      expect(rasterDifference(decodeC01('r.C01', bytes), raster)).toBeNull();
    }
  });

  it('writes the header the reference containers have', () => {
    const bytes = encodeC01(noise(5, 3));
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0, 0, 0, 0x10]);
    expect(() => encodeC01({ width: 1, height: 1, channels: 3, bitDepth: 16, data: new Uint16Array(3) })).toThrow(RangeError);
  });

  it('returns pixels that own their buffer (transferable, no header bytes attached)', () => {
    const decoded = decodeC01('r.C01', encodeC01(noise(9, 4)));
    expect(decoded.data.byteOffset).toBe(0);
    expect(decoded.data.buffer.byteLength).toBe(9 * 4 * 2);
  });
});

describe('decodeC01 refuses bad input with the file name and a reason', () => {
  it('corrupt zlib data', () => {
    const bytes = encodeC01(noise(64, 64));
    const badHeader = bytes.slice();
    badHeader[4] = 0x00; // zlib CMF byte
    expect(errorOf(() => decodeC01('h.C01', badHeader)).message).toMatch(/^h\.C01: corrupt or truncated \.C01: zlib error: .+/);
    // Noise is stored in uncompressed deflate blocks: damage there inflates fine and only the
    // Adler-32 checksum reveals it.
    const badBody = bytes.slice();
    badBody.fill(0xff, 40, 200);
    expect(errorOf(() => decodeC01('b.C01', badBody)).message)
      .toBe('b.C01: corrupt .C01: the zlib checksum does not match the data (the file is damaged)');
    // Damage in a compressed (Huffman-coded) stream trips the inflater itself.
    const flat = encodeC01({ width: 64, height: 64, channels: 1, bitDepth: 16, data: new Uint16Array(4096).map((_, i) => i % 64) });
    const badHuffman = flat.slice();
    badHuffman.fill(0xff, 8, 40);
    expect(errorOf(() => decodeC01('bh.C01', badHuffman)).message).toMatch(/^bh\.C01: (corrupt or truncated \.C01: zlib error: .+|corrupt \.C01: |inflated data is)/);
  });

  it('a truncated file', () => {
    const bytes = encodeC01(noise(64, 64));
    expect(errorOf(() => decodeC01('t.C01', bytes.subarray(0, bytes.length >> 1))).message).toMatch(/^t\.C01: corrupt or truncated \.C01: zlib error: /);
    expect(errorOf(() => decodeC01('tiny.C01', Uint8Array.of(0, 0, 0, 16, 0x78))).message).toBe('tiny.C01: the file is 5 bytes, too short for a Cellomics .C01 file');
  });

  it('inflated size not matching the header, in both directions', () => {
    expect(errorOf(() => decodeC01('short.C01', c01Container(plainC01(10, 10, 150)))).message)
      .toBe('short.C01: inflated data is 202 bytes, expected 252 bytes (52-byte header + 10 x 10 x 2)');
    expect(errorOf(() => decodeC01('long.C01', c01Container(plainC01(10, 10, 250)))).message)
      .toBe('long.C01: inflated data is larger than 252 bytes, the size the header gives (52-byte header + 10 x 10 x 2)');
    expect(errorOf(() => decodeC01('nohead.C01', c01Container(new Uint8Array(30)))).message)
      .toBe('nohead.C01: inflated data is 30 bytes, expected at least the 52-byte header');
  });

  it('stops inflating a zip bomb once it passes the size the header gives', () => {
    // 10 x 10 pixels claimed, 16 MB of zeros behind them (compresses to ~16 KB).
    const bomb = c01Container(plainC01(10, 10, 16 * 2 ** 20));
    expect(bomb.length).toBeLessThan(50_000);
    expect(errorOf(() => decodeC01('bomb.C01', bomb)).message).toMatch(/^bomb\.C01: inflated data is larger than 252 bytes/);
  });

  it('a header claiming 30000 x 30000 pixels, before allocating pixels', () => {
    expect(errorOf(() => decodeC01('huge.C01', c01Container(plainC01(30000, 30000, 100)))).message)
      .toBe('huge.C01: .C01 image is too large: 30000 x 30000 pixels with 1 channel of 16 bits need 1717 MB, 1461 MB over the limit of 256 MB');
  });

  it('bits per pixel other than 16, and nonsense sizes', () => {
    expect(errorOf(() => decodeC01('b8.C01', c01Container(plainC01(4, 4, 16, 8)))).message)
      .toBe('b8.C01: .C01 with 8 bits per pixel is not supported (only 16)');
    expect(errorOf(() => decodeC01('neg.C01', c01Container(plainC01(-4, 4, 32)))).message)
      .toBe('neg.C01: .C01 header gives an invalid image size -4 x 4');
  });
});

describe.skipIf(!dir)('decodeC01 on the reference containers', () => {
  it('gives the same pixels as the 16-bit input PNGs', () => {
    const base = join(dir!, 'normalization');
    const cases = JSON.parse(readFileSync(join(base, 'cases.json'), 'utf8')).cases as Record<string, { width: number; height: number }>;
    expect(Object.keys(cases).length).toBe(3);
    for (const [name, { width, height }] of Object.entries(cases)) {
      const c01 = decodeC01(`${name}.C01`, readFileSync(join(base, `${name}.C01`)));
      expect(c01).toMatchObject({ width, height, channels: 1, bitDepth: 16 });
      const png = decodePng(name, readFileSync(join(base, `${name}.input.png`)));
      expect(rasterDifference(c01, png)).toBeNull();
      // And the writer reproduces a container the reader accepts with the same pixels.
      expect(rasterDifference(decodeC01('again.C01', encodeC01(c01)), png)).toBeNull();
    }
  });
});
