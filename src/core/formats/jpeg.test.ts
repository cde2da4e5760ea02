import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import type { Raster8 } from '../raster';
import { writeGrayJpeg } from '../testing/grayJpeg';
import { maxSampleDifference } from '../testing/rasters';
import { sharedDataDir } from '../testing/sharedData';
import { decodeJpeg, readJpegHeader } from './jpeg';
import { decodePng } from './png';
import { errorOf } from '../testing/errors';

const dir = sharedDataDir();

/** 24 x 16 gray image of flat 8x8 blocks (values chosen to span the range). */
function blockImage(): Uint8Array {
  const levels = [0, 37, 128, 200, 255, 90];
  const gray = new Uint8Array(24 * 16);
  for (let y = 0; y < 16; y++) for (let x = 0; x < 24; x++) gray[y * 24 + x] = levels[(y >> 3) * 3 + (x >> 3)];
  return gray;
}

/** RGBA (alpha ignored by the encoder) with smooth gradients, which JPEG keeps well. */
function colourImage(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rgba.set([(x * 255) / (width - 1), (y * 255) / (height - 1), 100, 255], (y * width + x) * 4);
  }
  return rgba;
}

describe('decodeJpeg', () => {
  it('a grayscale JPEG becomes 1 channel with its exact values', () => {
    const gray = blockImage();
    const jpeg = writeGrayJpeg(24, 16, gray);
    expect(readJpegHeader(jpeg)).toEqual({ width: 24, height: 16, components: 1, precision: 8, frameType: 0 });
    expect(decodeJpeg('g.jpg', jpeg)).toEqual({ width: 24, height: 16, channels: 1, bitDepth: 8, data: gray });
  });

  it('a colour JPEG becomes 3 channels close to the original', () => {
    const rgba = colourImage(40, 24);
    const jpeg = new Uint8Array(encode({ width: 40, height: 24, data: rgba }, 95).data);
    expect(readJpegHeader(jpeg)).toMatchObject({ width: 40, height: 24, components: 3 });
    const raster = decodeJpeg('c.jpg', jpeg);
    expect(raster).toMatchObject({ width: 40, height: 24, channels: 3, bitDepth: 8 });
    const rgb = new Uint8Array(40 * 24 * 3).map((_, i) => rgba[Math.floor(i / 3) * 4 + (i % 3)]);
    expect(maxSampleDifference(raster, { ...raster, data: rgb })).toBeLessThanOrEqual(8);
  });

  it('refuses a frame header claiming 30000 x 30000 pixels before decoding', () => {
    const jpeg = writeGrayJpeg(8, 8, new Uint8Array(64), { frameWidth: 30000, frameHeight: 30000 });
    expect(errorOf(() => decodeJpeg('huge.jpg', jpeg)).message)
      .toBe('huge.jpg: JPEG image is too large: 30000 x 30000 pixels with 1 channel of 8 bits need 858 MB, 602 MB over the limit of 256 MB');
  });

  it('refuses a frame that claims CMYK (4 components) rather than guess its colours', () => {
    const jpeg = writeGrayJpeg(8, 8, new Uint8Array(64));
    const sof = jpeg.findIndex((b, i) => b === 0xff && jpeg[i + 1] === 0xc0);
    jpeg[sof + 9] = 4;
    expect(errorOf(() => decodeJpeg('cmyk.jpg', jpeg)).message).toBe('cmyk.jpg: CMYK/YCCK JPEG (4 colour components) is not supported: save it as RGB or grayscale');
  });

  it('refuses lossless, arithmetic-coded and 12-bit JPEGs by name', () => {
    const jpeg = writeGrayJpeg(8, 8, new Uint8Array(64));
    const sof = jpeg.findIndex((b, i) => b === 0xff && jpeg[i + 1] === 0xc0);
    const lossless = jpeg.slice();
    lossless[sof + 1] = 0xc3;
    expect(errorOf(() => decodeJpeg('l.jpg', lossless)).message).toBe('l.jpg: lossless JPEG (SOF3) is not supported');
    const arithmetic = jpeg.slice();
    arithmetic[sof + 1] = 0xc9;
    expect(errorOf(() => decodeJpeg('a.jpg', arithmetic)).message).toMatch(/^a\.jpg: arithmetic-coded .*JPEG \(SOF9\) is not supported$/);
    const twelve = jpeg.slice();
    twelve[sof + 4] = 12;
    expect(errorOf(() => decodeJpeg('t.jpg', twelve)).message).toBe('t.jpg: 12-bit JPEG is not supported (only 8-bit)');
  });

  it('refuses a JPEG cut before its frame header, and garbage after the start marker', () => {
    const jpeg = writeGrayJpeg(8, 8, new Uint8Array(64));
    expect(errorOf(() => decodeJpeg('cut.jpg', jpeg.subarray(0, 30))).message).toMatch(/^cut\.jpg: corrupt or truncated JPEG/);
    expect(errorOf(() => decodeJpeg('junk.jpg', Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 2, 7, 7, 7, 7))).message).toMatch(/^junk\.jpg: corrupt/);
  });

  it('reports corrupt entropy-coded data from jpeg-js with the file name', () => {
    const jpeg = writeGrayJpeg(8, 8, new Uint8Array(64));
    const dht = jpeg.findIndex((b, i) => b === 0xff && jpeg[i + 1] === 0xc4);
    const broken = jpeg.slice();
    broken[dht + 4] = 0x37; // table class 3 does not exist
    expect(errorOf(() => decodeJpeg('b.jpg', broken)).message).toMatch(/^b\.jpg: corrupt or truncated JPEG: .+/);
  });
});

describe.skipIf(!dir)('decodeJpeg on real pixels', () => {
  it('an Aitslab image saved as colour JPEG decodes to 3 channels close to the PNG', () => {
    const name = 'MFGTMPcx7_170702000001_B14f07d0.png';
    const png = decodePng(name, readFileSync(join(dir!, 'aitslab-bioimaging1', 'train', name))) as Raster8;
    const rgba = new Uint8Array(png.width * png.height * 4).map((_, i) => (i % 4 === 3 ? 255 : png.data[i >> 2]));
    const jpeg = new Uint8Array(encode({ width: png.width, height: png.height, data: rgba }, 98).data);
    const raster = decodeJpeg('real.jpg', jpeg);
    expect(raster).toMatchObject({ width: 1104, height: 1104, channels: 3, bitDepth: 8 });
    const red = { ...png, data: raster.data.filter((_, i) => i % 3 === 0) };
    expect(maxSampleDifference(red, png)).toBeLessThanOrEqual(24);
  });
});
