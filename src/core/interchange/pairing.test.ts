import { describe, expect, it } from 'vitest';
import { annotationFilesAmong } from './pairing';

const pair = (...paths: string[]) => annotationFilesAmong(paths).map((file) => file && `${file.format.id} → ${file.imageBase}`);

describe('pairing annotation files with images', () => {
  it('by name: the registry suffixes, Cellpose and ImageJ ones included, the longer Cellpose one first', () => {
    expect(pair('A01.png', 'A01_objects.png', 'A01_masks.tif', 'A01_masks.png', 'A01_cp_masks.png', 'A01_cp_masks.tif', 'A01_rois.zip', 'A01_RoiSet.zip', 'annotations.xml')).toEqual([
      null,
      'objects → A01',
      'label16-tiff → A01',
      'label16 → A01',
      'label16 → A01',
      'label16-tiff → A01',
      'imagej-roi → A01',
      'imagej-roi → A01',
      'cvat → null',
    ]);
  });

  it("by folder: StarDist's masks/X beside images/X, only when the image came along", () => {
    expect(pair('set/train/images/A01.tif', 'set/train/masks/A01.tif', 'set\\dev\\Images\\B02.png', 'set\\dev\\Masks\\B02.tif', 'set/test/masks/C03.tif', 'other/masks/A01.tif', 'masks/D04.tif')).toEqual([
      null,
      'label16-tiff → A01',
      null,
      'label16-tiff → B02',
      null, // no images/C03 beside it: an image
      null, // another parent folder
      null,
    ]);
    expect(pair('images/A01.png', 'masks/A01.png', 'masks/A01.jpg')).toEqual([null, 'label16 → A01', null]);
  });
});
