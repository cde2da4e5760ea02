import { describe, expect, it } from 'vitest';
import { errorOf } from '../testing/errors';
import { MAX_IMAGE_BYTES } from '../raster';
import { checkImageSize } from './common';

describe('checkImageSize: the limit is the memory the decoded pixels need', () => {
  it('accepts an image exactly at the limit in every layout, and refuses one row more', () => {
    for (const [channels, bitsPerSample] of [[1, 8], [1, 16], [3, 8], [4, 8], [4, 16]]) {
      const width = 4096;
      const height = MAX_IMAGE_BYTES / (width * channels * (bitsPerSample / 8));
      expect(() => checkImageSize('x.png', 'PNG', { width, height: Math.floor(height), channels, bitsPerSample })).not.toThrow();
      expect(() => checkImageSize('x.png', 'PNG', { width, height: Math.floor(height) + 1, channels, bitsPerSample })).toThrow(/too large/);
    }
  });

  it('counts samples under 8 bits as a byte each, and says by how much an image is too large', () => {
    expect(() => checkImageSize('b.tif', 'TIFF', { width: 16384, height: 16384, channels: 1, bitsPerSample: 1 })).not.toThrow();
    expect(errorOf(() => checkImageSize('rgba.png', 'PNG', { width: 20000, height: 20000, channels: 4, bitsPerSample: 8 })).message).toBe(
      'rgba.png: PNG image is too large: 20000 x 20000 pixels with 4 channels of 8 bits need 1526 MB, 1270 MB over the limit of 256 MB',
    );
  });

  it('says so when an image is only just too large', () => {
    expect(errorOf(() => checkImageSize('rgba.png', 'PNG', { width: 8192, height: 8193, channels: 4, bitsPerSample: 8 })).message).toBe(
      'rgba.png: PNG image is too large: 8192 x 8193 pixels with 4 channels of 8 bits need 256 MB, 32 KB over the limit of 256 MB',
    );
  });

  it('holds images decoded in bands to 400 megapixels alone', () => {
    expect(() => checkImageSize('well.png', 'PNG', { width: 20000, height: 20000, channels: 3, bitsPerSample: 16 }, Infinity)).not.toThrow();
    expect(errorOf(() => checkImageSize('well.png', 'PNG', { width: 20000, height: 20001, channels: 1, bitsPerSample: 8 }, Infinity)).message).toBe(
      'well.png: PNG image is too large: 20000 x 20001 = 400020000 pixels, over the limit of 400 megapixels',
    );
  });

  it('refuses sizes that are not positive whole numbers', () => {
    expect(errorOf(() => checkImageSize('z.png', 'PNG', { width: 0, height: 5, channels: 1, bitsPerSample: 8 })).message).toBe('z.png: PNG header gives an invalid image size 0 x 5');
  });
});
