import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import type { Raster } from '../raster';
import { sharedDataDir } from '../testing/sharedData';
import { decodePng, encodePng, readPngHeader, readPngSize } from './png';
import { errorOf } from '../testing/errors';

const dir = sharedDataDir();

/** A deterministic test pattern with every sample distinct where the depth allows. */
function pattern(width: number, height: number, channels: 1 | 3 | 4, bitDepth: 8 | 16): Raster {
  const n = width * height * channels;
  if (bitDepth === 16) {
    const data = new Uint16Array(n).map((_, i) => (i * 7919 + 13) % 65536);
    return { width, height, channels, bitDepth, data };
  }
  return { width, height, channels, bitDepth, data: new Uint8Array(n).map((_, i) => (i * 31 + 7) % 256) };
}

/** PNG bytes with IHDR width/height replaced (CRC left stale: the size check comes first). */
function withClaimedSize(png: Uint8Array, width: number, height: number): Uint8Array {
  const copy = png.slice();
  const view = new DataView(copy.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return copy;
}

describe('encodePng / decodePng round trip', () => {
  for (const [channels, bitDepth] of [[1, 8], [1, 16], [3, 8], [3, 16], [4, 8], [4, 16]] as const) {
    it(`${channels} channel(s), ${bitDepth}-bit`, () => {
      const raster = pattern(37, 11, channels, bitDepth);
      const png = encodePng(raster);
      expect(readPngHeader(png)).toMatchObject({ width: 37, height: 11, bitDepth, colorType: { 1: 0, 3: 2, 4: 6 }[channels] });
      const back = decodePng('p.png', png);
      expect(back).toEqual(raster);
      expect(back.data.byteOffset).toBe(0);
      expect(back.data.byteLength).toBe(back.data.buffer.byteLength);
    });
  }
});

describe('decodePng on generated variants', () => {
  it('drops alpha from gray + alpha (8 and 16 bit)', () => {
    const ga8 = encode({ width: 2, height: 1, channels: 2, depth: 8, data: Uint8Array.of(10, 255, 200, 0) });
    expect(decodePng('ga.png', ga8)).toEqual({ width: 2, height: 1, channels: 1, bitDepth: 8, data: Uint8Array.of(10, 200) });
    const ga16 = encode({ width: 2, height: 1, channels: 2, depth: 16, data: Uint16Array.of(1000, 65535, 60000, 0) });
    expect(decodePng('ga.png', ga16)).toEqual({ width: 2, height: 1, channels: 1, bitDepth: 16, data: Uint16Array.of(1000, 60000) });
  });

  it('scales 1, 2 and 4-bit gray to 0..255', () => {
    // 1-bit, width 10: two bytes per row, the last 6 bits padding.
    const one = encode({ width: 10, height: 1, channels: 1, depth: 1, data: Uint8Array.of(0b10110000, 0b01000000) });
    expect(Array.from(decodePng('b.png', one).data)).toEqual([255, 0, 255, 255, 0, 0, 0, 0, 0, 255]);
    const two = encode({ width: 5, height: 2, channels: 1, depth: 2, data: Uint8Array.of(0b00011011, 0b11000000, 0b10000000, 0b00000000) });
    const decoded2 = decodePng('c.png', two);
    expect(decoded2).toMatchObject({ width: 5, height: 2, channels: 1, bitDepth: 8 });
    expect(Array.from(decoded2.data)).toEqual([0, 85, 170, 255, 255, 170, 0, 0, 0, 0]);
    const four = encode({ width: 3, height: 1, channels: 1, depth: 4, data: Uint8Array.of(0x0f, 0x70) });
    expect(Array.from(decodePng('d.png', four).data)).toEqual([0, 255, 119]);
  });

  it('expands a colour palette to RGB and a gray palette to 1 channel', () => {
    const palette = [[255, 0, 0], [0, 128, 255], [9, 9, 9]];
    const colour = encode({ width: 3, height: 1, channels: 1, depth: 8, data: Uint8Array.of(2, 0, 1), palette });
    expect(decodePng('pal.png', colour)).toEqual({ width: 3, height: 1, channels: 3, bitDepth: 8, data: Uint8Array.of(9, 9, 9, 255, 0, 0, 0, 128, 255) });
    const gray = encode({ width: 4, height: 1, channels: 1, depth: 2, data: Uint8Array.of(0b11100100), palette: [[0, 0, 0], [50, 50, 50], [100, 100, 100], [255, 255, 255]] });
    expect(decodePng('gpal.png', gray)).toEqual({ width: 4, height: 1, channels: 1, bitDepth: 8, data: Uint8Array.of(255, 100, 50, 0) });
  });

  it('drops palette alpha (tRNS)', () => {
    const png = encode({ width: 2, height: 1, channels: 1, depth: 8, data: Uint8Array.of(0, 1), palette: [[1, 2, 3, 0], [4, 5, 6, 255]] });
    expect(decodePng('t.png', png)).toMatchObject({ channels: 3, data: Uint8Array.of(1, 2, 3, 4, 5, 6) });
  });
});

describe('decodePng refuses bad input with the file name and a reason', () => {
  const good = encodePng(pattern(64, 64, 1, 8));

  it('a header claiming 30000 x 30000 pixels, before decoding', () => {
    const huge = withClaimedSize(good, 30000, 30000);
    expect(readPngSize(huge)).toEqual({ width: 30000, height: 30000 });
    const error = errorOf(() => decodePng('huge.png', huge));
    expect(error.message).toBe('huge.png: PNG image is too large: 30000 x 30000 pixels with 1 channel of 8 bits need 858 MB, 602 MB over the limit of 256 MB');
  });

  it('a zero-sized header', () => {
    expect(errorOf(() => decodePng('zero.png', withClaimedSize(good, 0, 5))).message).toMatch(/^zero\.png: .*invalid image size 0 x 5/);
  });

  it('a PNG cut in half', () => {
    const error = errorOf(() => decodePng('half.png', good.subarray(0, good.length >> 1)));
    expect(error.message).toMatch(/^half\.png: corrupt or truncated PNG: /);
  });

  it('a PNG cut inside its header, and bytes without the signature', () => {
    expect(errorOf(() => decodePng('short.png', good.subarray(0, 20))).message).toMatch(/^short\.png: corrupt or truncated PNG/);
    expect(errorOf(() => decodePng('nopng.png', Uint8Array.of(1, 2, 3))).message).toBe('nopng.png: not a PNG file (no PNG signature)');
  });

  it('corrupt compressed data', () => {
    const bad = good.slice();
    bad.fill(0x55, 41, 60); // inside the IDAT zlib stream
    expect(errorOf(() => decodePng('bad.png', bad)).message).toMatch(/^bad\.png: corrupt or truncated PNG: .+/);
  });

  it('an interlaced PNG with sub-byte samples, which fast-png would scramble', () => {
    const two = encode({ width: 4, height: 1, channels: 1, depth: 2, data: Uint8Array.of(0b00011011) });
    const interlaced = two.slice();
    interlaced[28] = 1;
    expect(errorOf(() => decodePng('i.png', interlaced)).message).toBe('i.png: interlaced PNG with 2-bit samples is not supported');
  });
});

describe.skipIf(!dir)('decodePng on the shared data', () => {
  it('reads the Aitslab images as 8-bit gray and their masks as 8-bit RGB', () => {
    const dev = join(dir!, 'aitslab-bioimaging1', 'dev');
    const names = readdirSync(dev).filter((n) => n.endsWith('.png'));
    expect(names.length).toBe(20);
    for (const name of names) {
      const raster = decodePng(name, readFileSync(join(dev, name)));
      const channels = name.endsWith('_objects.png') ? 3 : 1;
      expect({ w: raster.width, h: raster.height, c: raster.channels, d: raster.bitDepth }).toEqual({ w: 1104, h: 1104, c: channels, d: 8 });
      let max = 0;
      for (const v of raster.data) max = Math.max(max, v);
      if (channels === 1) expect(max).toBeGreaterThan(100); // real signal, not all black
    }
  });

  it('reads the normalization inputs as 16-bit gray of the listed size', () => {
    const base = join(dir!, 'normalization');
    const cases = JSON.parse(readFileSync(join(base, 'cases.json'), 'utf8')).cases as Record<string, { width: number; height: number }>;
    for (const [name, { width, height }] of Object.entries(cases)) {
      const raster = decodePng(name, readFileSync(join(base, `${name}.input.png`)));
      expect(raster).toMatchObject({ width, height, channels: 1, bitDepth: 16 });
      expect(raster.data).toBeInstanceOf(Uint16Array);
    }
  });
});
