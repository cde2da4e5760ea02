import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rasterDifference } from '../testing/rasters';
import { sharedDataDir } from '../testing/sharedData';
import { writeTiff } from './tiffWriter';
import { decodePng } from './png';
import { decodeTiff, isTiff } from './tiff';
import { errorOf } from '../testing/errors';
import { encodeLzw } from '../testing/lzw';
import { deflateZlib } from './zlib';

const dir = sharedDataDir();

const ramp = (n: number, step: number, modulo: number) => Array.from({ length: n }, (_, i) => (i * step + 3) % modulo);

describe('decodeTiff on generated files', () => {
  it('8-bit gray, little and big endian, plain and Deflate', () => {
    const data = ramp(6 * 4, 11, 256);
    for (const bigEndian of [false, true]) {
      for (const deflate of [false, true]) {
        const tiff = writeTiff({ width: 6, height: 4, bits: 8, data, bigEndian, deflate });
        expect(isTiff(tiff)).toBe(true);
        expect(decodeTiff('g.tif', tiff)).toEqual({ width: 6, height: 4, channels: 1, bitDepth: 8, data: Uint8Array.from(data) });
      }
    }
  });

  it('16-bit gray, little and big endian', () => {
    const data = ramp(5 * 3, 4099, 65536);
    for (const bigEndian of [false, true]) {
      const raster = decodeTiff('g16.tif', writeTiff({ width: 5, height: 3, bits: 16, data, bigEndian }));
      expect(raster).toEqual({ width: 5, height: 3, channels: 1, bitDepth: 16, data: Uint16Array.from(data) });
    }
  });

  it('WhiteIsZero gray is inverted to black-is-zero', () => {
    const raster = decodeTiff('w.tif', writeTiff({ width: 3, height: 1, bits: 8, photometric: 0, data: [0, 100, 255] }));
    expect(Array.from(raster.data)).toEqual([255, 155, 0]);
  });

  it('RGB (8 and 16 bit), RGBA, and gray with an extra sample', () => {
    const rgb = ramp(4 * 2 * 3, 7, 256);
    expect(decodeTiff('rgb.tif', writeTiff({ width: 4, height: 2, bits: 8, samplesPerPixel: 3, photometric: 2, data: rgb })))
      .toEqual({ width: 4, height: 2, channels: 3, bitDepth: 8, data: Uint8Array.from(rgb) });
    const rgb16 = ramp(2 * 2 * 3, 9001, 65536);
    expect(decodeTiff('rgb16.tif', writeTiff({ width: 2, height: 2, bits: 16, samplesPerPixel: 3, photometric: 2, data: rgb16 })))
      .toEqual({ width: 2, height: 2, channels: 3, bitDepth: 16, data: Uint16Array.from(rgb16) });
    const rgba = [1, 2, 3, 255, 4, 5, 6, 128];
    expect(decodeTiff('rgba.tif', writeTiff({ width: 2, height: 1, bits: 8, samplesPerPixel: 4, photometric: 2, extraSamples: [2], data: rgba })))
      .toEqual({ width: 2, height: 1, channels: 4, bitDepth: 8, data: Uint8Array.from(rgba) });
    const grayAlpha = [10, 255, 20, 0];
    expect(decodeTiff('ga.tif', writeTiff({ width: 2, height: 1, bits: 8, samplesPerPixel: 2, extraSamples: [2], data: grayAlpha })))
      .toEqual({ width: 2, height: 1, channels: 1, bitDepth: 8, data: Uint8Array.of(10, 20) });
  });

  it('palette images become RGB, or gray when the palette is gray', () => {
    const colorMap = new Array<number>(3 * 256).fill(0);
    colorMap[1] = 65535; // index 1: red
    colorMap[256 + 2] = 32896; // index 2: green 128
    const indexed = writeTiff({ width: 3, height: 1, bits: 8, photometric: 3, colorMap, data: [1, 2, 0] });
    expect(decodeTiff('p.tif', indexed)).toEqual({ width: 3, height: 1, channels: 3, bitDepth: 8, data: Uint8Array.of(255, 0, 0, 0, 128, 0, 0, 0, 0) });
    const grayMap = Array.from({ length: 3 * 256 }, (_, i) => (255 - (i % 256)) * 257);
    const gray = writeTiff({ width: 2, height: 1, bits: 8, photometric: 3, colorMap: grayMap, data: [0, 200] });
    expect(decodeTiff('pg.tif', gray)).toEqual({ width: 2, height: 1, channels: 1, bitDepth: 8, data: Uint8Array.of(255, 55) });
  });
});

describe('decodeTiff refuses bad or unsupported input with the file name and a reason', () => {
  it('a header claiming 30000 x 30000 pixels, before reading any strip', () => {
    const huge = writeTiff({ width: 30000, height: 30000, bits: 16, data: [1, 2, 3] });
    expect(huge.length).toBeLessThan(200);
    expect(errorOf(() => decodeTiff('huge.tif', huge)).message)
      .toBe('huge.tif: TIFF image is too large: 30000 x 30000 pixels with 1 channel of 16 bits need 1717 MB, 1461 MB over the limit of 256 MB');
  });

  it('floating-point, 32-bit integer and signed samples', () => {
    const float = writeTiff({ width: 2, height: 1, bits: 32, sampleFormat: 3, data: [0.5, 1.5] });
    expect(errorOf(() => decodeTiff('f.tif', float)).message).toBe('f.tif: TIFF with 32-bit floating-point samples is not supported');
    const int32 = writeTiff({ width: 2, height: 1, bits: 32, data: [1, 2] });
    expect(errorOf(() => decodeTiff('i.tif', int32)).message).toMatch(/^i\.tif: TIFF with 32 bits per sample .*is not supported$/);
    const signed = writeTiff({ width: 2, height: 1, bits: 16, sampleFormat: 2, data: [1, 2] });
    expect(errorOf(() => decodeTiff('s.tif', signed)).message).toBe('s.tif: TIFF with 16-bit signed integer samples is not supported');
  });

  it('CMYK colour', () => {
    const cmyk = writeTiff({ width: 1, height: 1, bits: 8, samplesPerPixel: 4, photometric: 5, data: [1, 2, 3, 4] });
    expect(errorOf(() => decodeTiff('c.tif', cmyk)).message).toBe('c.tif: TIFF colour model 5 (CMYK) is not supported');
  });

  it('a truncated file', () => {
    const tiff = writeTiff({ width: 40, height: 40, bits: 8, data: ramp(1600, 1, 256) });
    // Cut inside the pixel data: the directory sits after it, so the header itself is gone.
    expect(errorOf(() => decodeTiff('cut.tif', tiff.subarray(0, 800))).message).toMatch(/^cut\.tif: corrupt or truncated TIFF: .+/);
    // Strip shorter than the directory says.
    const view = new DataView(tiff.buffer);
    const ifd = view.getUint32(4, true);
    const stripBytesEntry = ifd + 2 + 8 * 12; // the 9th entry, StripByteCounts
    expect(view.getUint16(stripBytesEntry, true)).toBe(279);
    view.setUint32(stripBytesEntry + 8, 10, true);
    expect(errorOf(() => decodeTiff('short.tif', tiff)).message).toMatch(/^short\.tif: corrupt or truncated TIFF: .+/);
  });

  it('bytes that are not a TIFF', () => {
    expect(errorOf(() => decodeTiff('x.tif', Uint8Array.of(1, 2, 3, 4, 5))).message).toMatch(/^x\.tif: not a TIFF file/);
  });
});

describe.skipIf(!dir)('decodeTiff on real pixels', () => {
  it('a 16-bit microscope-like image written as TIFF decodes to the same pixels as its PNG', () => {
    const png = decodePng('in.png', readFileSync(join(dir!, 'normalization', 'hoechst_like_1104x1104.input.png')));
    const tiff = writeTiff({ width: png.width, height: png.height, bits: 16, data: png.data, deflate: true });
    expect(rasterDifference(decodeTiff('hoechst.tif', tiff), png)).toBeNull();
  });
});

describe('decodeTiff bounds what it inflates by the size the header gives', () => {
  const gray = ramp(300 * 200, 7, 256);
  it('reads LZW strips (counted exactly before decoding) of text-like and repetitive data', () => {
    for (const data of [gray, new Array(300 * 200).fill(9)]) {
      const tiff = writeTiff({ width: 300, height: 200, bits: 8, data, strip: { compression: 5, bytes: encodeLzw(Uint8Array.from(data)) } });
      expect(decodeTiff('lzw.tif', tiff).data).toEqual(Uint8Array.from(data));
    }
  });

  // The message is this module's own check, made before the library inflates anything.
  it('refuses a Deflate strip and an LZW strip that inflate far past a 100 x 100 header', () => {
    const bomb = new Uint8Array(64 * 1024 * 1024); // 64 MB of zeros for 10,000 pixels
    const deflated = writeTiff({ width: 100, height: 100, bits: 8, data: [], strip: { compression: 8, bytes: deflateZlib(bomb) } });
    const lzw = writeTiff({ width: 100, height: 100, bits: 8, data: [], strip: { compression: 5, bytes: encodeLzw(bomb.subarray(0, 1024 * 1024)) } });
    for (const [name, file] of [['bomb.tif', deflated], ['bomb-lzw.tif', lzw]] as const) {
      expect(errorOf(() => decodeTiff(name, file)).message).toBe(
        `${name}: TIFF strip 1 holds more than the 10000 bytes its 100 x 100 pixels need (a decompression bomb or a corrupt file)`,
      );
    }
  });

  it('refuses a strip list that does not match the image size', () => {
    const tiff = writeTiff({ width: 4, height: 4, bits: 8, data: ramp(16, 1, 256) });
    // RowsPerStrip 278 (value at byte 8 of its entry) set to 1: 4 strips expected, 1 listed.
    const view = new DataView(tiff.buffer);
    const ifd = view.getUint32(4, true);
    for (let i = 0; i < view.getUint16(ifd, true); i++) {
      const at = ifd + 2 + i * 12;
      if (view.getUint16(at, true) === 278) view.setUint32(at + 8, 1, true);
    }
    expect(errorOf(() => decodeTiff('strips.tif', tiff)).message).toBe('strips.tif: corrupt TIFF: 1 strips listed, 4 expected for 4 x 4 pixels');
  });
});
