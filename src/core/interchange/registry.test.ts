import { describe, expect, it } from 'vitest';
import { decodePng } from '../formats/png';
import { rasterizeShapes } from '../mask/rasterize';
import { ANNOTATION_FORMATS, exportFileName, formatById, importFormatOf, maskTargetBase, optionsWithDefaults } from './registry';
import type { InterchangeImage } from './types';

const square = (x: number, y: number, size: number) => [x, y, x + size, y, x + size, y + size, x, y + size];
const image: InterchangeImage = {
  name: 'train/cells.png',
  width: 20,
  height: 16,
  split: 'train',
  objects: [
    { rings: [square(2, 2, 5)], z: 1 },
    { rings: [square(9, 3, 6), square(11, 5, 2)], z: 2 }, // with a hole
  ],
};

describe('annotation format registry', () => {
  it('has unique ids and a suffix or extension for every format', () => {
    const ids = ANNOTATION_FORMATS.map((format) => format.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const format of ANNOTATION_FORMATS) {
      expect(format.scope === 'image' ? format.suffixes.length : format.extension.length).toBeGreaterThan(0);
    }
  });

  it('names files the dataset way and pairs masks with their image by base name', () => {
    expect(exportFileName(formatById('objects'), 'train/MFGTMPcx7_170702000001_B14f07d0.png')).toBe('MFGTMPcx7_170702000001_B14f07d0_objects.png');
    expect(exportFileName(formatById('label16'), 'a.b.tif')).toBe('a.b_label16.png');
    expect(exportFileName(formatById('label16-tiff'), 'a')).toBe('a_label16.tif');
    expect(exportFileName(formatById('cvat'), 'a.png')).toBe('a_annotations.xml');
    expect(maskTargetBase('MFGTMPcx7_170702000001_B14f07d0_objects.png')).toBe('MFGTMPcx7_170702000001_B14f07d0');
    expect(maskTargetBase('a_label16.tif')).toBe('a');
    expect(maskTargetBase('cells_masks.PNG')).toBe('cells');
    expect(maskTargetBase('MFGTMPcx7_170702000001_B14f07d0.png')).toBeNull();
    expect(maskTargetBase('objects.png')).toBeNull();
    expect(maskTargetBase('a_binary.png')).toBeNull(); // export only: not read back
    expect(importFormatOf('annotations.XML')?.id).toBe('cvat');
    expect(importFormatOf('a.png')).toBeNull();
    expect(exportFileName(formatById('coco'), 'train/a.png')).toBe('a_annotations.json');
    expect(importFormatOf('instances_train.json')?.id).toBe('coco');
    // QuPath GeoJSON: "X.geojson" as written, and "X.png.geojson" as QuPath scripts often name it.
    expect(exportFileName(formatById('qupath'), 'train/MFGTMPcx7_170702000001_B14f07d0.png')).toBe('MFGTMPcx7_170702000001_B14f07d0.geojson');
    expect(importFormatOf('a.geojson')?.id).toBe('qupath');
    expect(maskTargetBase('MFGTMPcx7_170702000001_B14f07d0.geojson')).toBe('MFGTMPcx7_170702000001_B14f07d0');
    expect(maskTargetBase('cells.png.geojson')).toBe('cells');
    expect(maskTargetBase('cells.C01.GeoJSON')).toBe('cells');
    expect(maskTargetBase('.geojson')).toBeNull();
  });

  it('fills in option defaults and ignores unknown values', () => {
    const objects = formatById('objects');
    expect(optionsWithDefaults(objects)).toEqual({ colors: 'random' });
    expect(optionsWithDefaults(objects, { colors: 'voc' })).toEqual({ colors: 'voc' });
    expect(optionsWithDefaults(objects, { colors: 'rainbow' })).toEqual({ colors: 'random' });
    expect(optionsWithDefaults(formatById('coco'), { colors: 'voc' })).toEqual({ segmentation: 'polygon' });
  });

  it('round-trips the pixels of every format that reads and writes', () => {
    const expected = rasterizeShapes(image.objects, image.width, image.height).labels;
    // COCO polygons cannot have holes: that object goes as RLE, and the report says so.
    const warnings: Record<string, string[]> = { coco: ['1 object with holes written as RLE: COCO polygons cannot have holes'] };
    for (const format of ANNOTATION_FORMATS.filter((candidate) => candidate.encode && candidate.decode)) {
      const encoded = format.scope === 'image' ? format.encode!(image, optionsWithDefaults(format)) : format.encode!([image], {});
      expect(encoded.reports).toEqual([{ image: image.name, objects: 2, overlapPixels: 0, emptyObjects: [], warnings: warnings[format.id] ?? [] }]);
      const decoded = format.scope === 'image' ? format.decode!('cells' + format.suffixes[0], encoded.bytes) : format.decode!('a.xml', encoded.bytes);
      expect(decoded.images).toHaveLength(1);
      const again = rasterizeShapes(decoded.images[0].objects, image.width, image.height).labels;
      expect(Array.from(again), format.id).toEqual(Array.from(expected));
    }
  });

  it('writes a binary mask of 0 and 255', () => {
    const encoded = formatById('binary');
    if (encoded.scope !== 'image') throw new Error('binary is a per-image format');
    const png = decodePng('b.png', encoded.encode!(image, {}).bytes);
    expect(new Set(png.data)).toEqual(new Set([0, 255]));
  });
});
