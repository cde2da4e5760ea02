import { describe, expect, it } from 'vitest';
import { decodeImageFile } from '../formats/decode';
import { encodePng } from '../formats/png';
import { layoutById, layoutImage } from './datasetLayouts';

describe('training layouts', () => {
  const grey16 = { width: 3, height: 1, channels: 1 as const, bitDepth: 16 as const, data: Uint16Array.of(0, 4095, 65535) };
  const rgba = { width: 2, height: 1, channels: 4 as const, bitDepth: 8 as const, data: Uint8Array.of(1, 2, 3, 255, 9, 8, 7, 0) };

  it('keep an image the tool reads as it is, lower-casing its extension', () => {
    const bytes = Uint8Array.of(1, 2, 3); // never decoded
    expect(layoutImage(layoutById('cellpose'), 'dir/a.JPG', bytes)).toEqual({ path: 'a.jpg', bytes });
    expect(layoutImage(layoutById('stardist'), 'a.b.tiff', bytes)).toEqual({ path: 'images/a.b.tif', bytes });
    expect(layoutImage(layoutById('annotator'), 'x/A:1.c01', bytes)).toEqual({ path: 'A_1.c01', bytes });
  });

  it('write any other image as a TIFF of the same samples', () => {
    for (const raster of [grey16, rgba]) {
      const file = layoutImage(layoutById('stardist'), 'a.png', encodePng(raster));
      expect(file.path).toBe('images/a.tif');
      expect(decodeImageFile('a.tif', file.bytes)).toEqual(raster);
    }
    expect(layoutImage(layoutById('cellpose'), 'plate.C01', encodePng(grey16)).path).toBe('plate.tif');
  });
});
