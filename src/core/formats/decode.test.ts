import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode as encodeJpegJs } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { writeGrayJpeg } from '../testing/grayJpeg';
import { sharedDataDir } from '../testing/sharedData';
import { writeTiff } from './tiffWriter';
import { encodeC01 } from './c01';
import { decodeImage, decodeImageFile, detectImageFormat } from './decode';
import { hasImageExtension, SUPPORTED_EXTENSIONS } from './extensions';
import { encodePng } from './png';
import { errorOf } from '../testing/errors';

const dir = sharedDataDir();

const gray8 = { width: 8, height: 8, channels: 1, bitDepth: 8, data: new Uint8Array(64).fill(77) } as const;
const gray16 = { width: 3, height: 2, channels: 1, bitDepth: 16, data: Uint16Array.of(0, 1, 2, 1000, 40000, 65535) } as const;

describe('decodeImageFile dispatch', () => {
  it('recognises each format by content, and .C01 by its extension in any case', () => {
    const png = encodePng(gray8);
    const jpeg = writeGrayJpeg(8, 8, gray8.data);
    const tiff = writeTiff({ width: 3, height: 2, bits: 16, data: gray16.data, bigEndian: true });
    const c01 = encodeC01(gray16);
    expect(detectImageFormat('a.png', png)).toBe('png');
    expect(detectImageFormat('a.jpg', jpeg)).toBe('jpeg');
    expect(detectImageFormat('a.tif', tiff)).toBe('tiff');
    expect(detectImageFormat('a.C01', c01)).toBe('c01');
    expect(detectImageFormat('a.c01', c01)).toBe('c01');
    expect(detectImageFormat('a.bin', c01)).toBeNull();

    expect(decodeImage('a.png', png)).toEqual({ format: 'png', raster: gray8 });
    expect(decodeImage('a.jpg', jpeg)).toEqual({ format: 'jpeg', raster: gray8 });
    expect(decodeImage('a.tif', tiff)).toEqual({ format: 'tiff', raster: gray16 });
    expect(decodeImage('A.C01', c01)).toEqual({ format: 'c01', raster: gray16 });
    // Content wins over a misleading name.
    expect(decodeImage('really-a-png.tif', png).format).toBe('png');
    const colour = new Uint8Array(encodeJpegJs({ width: 8, height: 8, data: new Uint8Array(256).fill(200) }, 90).data);
    expect(decodeImageFile('c.jpeg', colour)).toMatchObject({ channels: 3, bitDepth: 8 });
  });

  it('lists the supported extensions in lower case with the dot, and matches names in any case', () => {
    expect(SUPPORTED_EXTENSIONS).toEqual(['.png', '.jpg', '.jpeg', '.tif', '.tiff', '.c01']);
    expect(['a.PNG', 'b.Tif', 'MFGTMPcx7_170702090001_A12f00d0.C01', 'x.jpeg'].every(hasImageExtension)).toBe(true);
    expect(['notes.txt', 'png', 'a.png.bak', 'scan.c01x'].some(hasImageExtension)).toBe(false);
  });
});

describe('decodeImageFile refuses bad input with the file name and a reason', () => {
  it('an empty file', () => {
    expect(errorOf(() => decodeImageFile('empty.png', new Uint8Array(0))).message).toBe('empty.png: the file is empty');
  });

  it('random bytes', () => {
    const random = new Uint8Array(1000).map((_, i) => (i * 7919 + 17) % 251);
    expect(errorOf(() => decodeImageFile('noise.png', random)).message)
      .toBe('noise.png: not a supported image (expected PNG, JPEG, TIFF or Cellomics .C01)');
    expect(errorOf(() => decodeImageFile('noise.C01', random)).message).toMatch(/^noise\.C01: corrupt or truncated \.C01: zlib error: /);
  });

  it('a truncated PNG, TIFF and C01, and never a raw library error', () => {
    const png = encodePng({ width: 50, height: 50, channels: 3, bitDepth: 8, data: new Uint8Array(7500).map((_, i) => i % 253) });
    const tiff = writeTiff({ width: 50, height: 50, bits: 8, data: new Uint8Array(2500) });
    const c01 = encodeC01({ width: 50, height: 50, channels: 1, bitDepth: 16, data: new Uint16Array(2500).map((_, i) => i * 26) });
    for (const [name, bytes] of [['cut.png', png], ['cut.tif', tiff], ['cut.C01', c01]] as const) {
      for (const length of [bytes.length >> 1, 9, 5]) {
        const error = errorOf(() => decodeImageFile(name, bytes.subarray(0, length)));
        expect(error.fileName).toBe(name);
        expect(error.message.startsWith(`${name}: `)).toBe(true);
        expect(error.reason.length).toBeGreaterThan(10);
      }
    }
  });

  it('headers claiming 30000 x 30000 pixels in every format', () => {
    const png = encodePng(gray8).slice();
    new DataView(png.buffer).setUint32(16, 30000);
    new DataView(png.buffer).setUint32(20, 30000);
    const jpeg = writeGrayJpeg(8, 8, gray8.data, { frameWidth: 30000, frameHeight: 30000 });
    const tiff = writeTiff({ width: 30000, height: 30000, bits: 8, data: [0] });
    for (const [name, bytes] of [['h.png', png], ['h.jpg', jpeg], ['h.tif', tiff]] as const) {
      expect(errorOf(() => decodeImageFile(name, bytes)).message).toMatch(new RegExp(`^${name.replace('.', '\\.')}: \\S+ image is too large: 30000 x 30000 pixels`));
    }
  });
});

describe.skipIf(!dir)('decodeImageFile on the shared data', () => {
  it('reads an Aitslab PNG, a 16-bit input PNG and a .C01', () => {
    const image = join(dir!, 'aitslab-bioimaging1', 'test');
    const name = 'MFGTMPcx7_170702000001_G14f03d0.png';
    expect(decodeImageFile(name, readFileSync(join(image, name)))).toMatchObject({ width: 1104, height: 1104, channels: 1, bitDepth: 8 });
    const base = join(dir!, 'normalization');
    expect(decodeImageFile('x.input.png', readFileSync(join(base, 'small_gamma_48x64.input.png')))).toMatchObject({ width: 64, height: 48, bitDepth: 16 });
    expect(decodeImageFile('x.C01', readFileSync(join(base, 'small_gamma_48x64.C01')))).toMatchObject({ width: 64, height: 48, bitDepth: 16 });
  });
});
