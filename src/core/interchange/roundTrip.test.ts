// Masks through COCO JSON (each kind of segmentation) and QuPath GeoJSON: imported as a mask file
// is, written, read back, and filled again by the export's rule, the pixels must be the mask's
// own, object for object. The 50 Aitslab-bioimaging1 masks, and generated ones with what the
// dataset lacks: holes, objects in pieces, pieces and holes meeting at corners.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { objectArea, ringArea } from '../geometry';
import { decodeMask, type LabelledMask } from '../mask/decodeMask';
import { objectsFromMask, type ImportedObject } from '../mask/importMask';
import { rasterizeShapes } from '../mask/rasterize';
import { createRng } from '../random';
import { datasetMaskFiles, sharedDataDir } from '../testing/sharedData';
import { cocoJson } from './cocoJson';
import { qupathGeoJson } from './qupathGeoJson';
import type { DecodedImage, InterchangeImage } from './types';

const dir = sharedDataDir();
const base = dir ? join(dir, 'aitslab-bioimaging1') : '';
const files = datasetMaskFiles().map((path) => relative(base, path));

/** Each mask as decoded from its file, and as the objects a mask import makes of it. */
function dataset(): Array<{ mask: LabelledMask; objects: ImportedObject[]; image: InterchangeImage }> {
  return files.map((file) => {
    const mask = decodeMask(file, readFileSync(join(base, file)));
    const objects = objectsFromMask(mask);
    return { mask, objects, image: { name: file.replace('_objects.png', '.png'), width: mask.width, height: mask.height, objects } };
  });
}

/**
 * Whether the decoded objects, filled by the export's rule, give every pixel of the mask to one
 * object and every object the pixels of one of the mask's (the same partition, any numbering).
 */
function samePixels(mask: LabelledMask, decoded: DecodedImage): boolean {
  if (decoded.objects.length !== mask.values.length) return false;
  const { labels } = rasterizeShapes(decoded.objects, mask.width, mask.height);
  const toDecoded = new Int32Array(mask.values.length + 1).fill(-1), toMask = new Int32Array(mask.values.length + 1).fill(-1);
  for (let p = 0; p < labels.length; p++) {
    const a = mask.labels[p], b = labels[p];
    if (toDecoded[a] === -1 && toMask[b] === -1) (toDecoded[a] = b), (toMask[b] = a);
    else if (toDecoded[a] !== b || toMask[b] !== a) return false;
  }
  return true;
}

describe.skipIf(!dir)('the 50 dataset masks through COCO JSON and QuPath GeoJSON', () => {
  const masks = dir ? dataset() : [];

  it.each(['polygon', 'rle', 'rle-uncompressed'])('COCO %s: all 50 pixel-exact, the outlines unchanged, areas and boxes those of the mask', (segmentation) => {
    expect(masks).toHaveLength(50);
    const encoded = cocoJson.encode!(masks.map(({ image }) => image), { segmentation });
    expect(encoded.reports.flatMap((report) => [...report.warnings, ...report.emptyObjects])).toEqual([]); // no holes in the dataset
    const coco = JSON.parse(new TextDecoder().decode(encoded.bytes));
    const decoded = cocoJson.decode!('dataset.json', encoded.bytes);
    expect([decoded.skipped, decoded.droppedOutlines]).toEqual([{}, {}]);
    const exact = masks.filter(({ mask }, i) => samePixels(mask, decoded.images[i]));
    expect(exact).toHaveLength(50);
    // Polygons pass through unchanged; RLE is traced back to the outlines a mask import makes.
    masks.forEach(({ image }, i) => expect(decoded.images[i].objects.map((object) => object.rings), image.name).toEqual(image.objects.map((object) => object.rings)));

    // area: the object's pixels; bbox: their tightest box, from the mask itself.
    const annotations = coco.annotations as Array<{ image_id: number; area: number; bbox: number[] }>;
    expect(annotations).toHaveLength(2096);
    masks.forEach(({ mask, objects }, i) => {
      const own = annotations.filter((annotation) => annotation.image_id === i + 1);
      const boxes = boxesOf(mask);
      expect(own.map((annotation) => annotation.area)).toEqual(objects.map((object) => object.pixels));
      expect(own.map((annotation) => annotation.bbox)).toEqual(objects.map((object) => boxes[mask.values.indexOf(object.value)]));
    });
  });

  it('QuPath GeoJSON: all 50 pixel-exact, the outlines unchanged', () => {
    const decoded = masks.map(({ mask, image }) => qupathGeoJson.decode!('x.geojson', qupathGeoJson.encode!(image, {}).bytes, mask).images[0]);
    expect(masks.filter(({ mask }, i) => samePixels(mask, decoded[i]))).toHaveLength(50);
    masks.forEach(({ image }, i) => expect(decoded[i].objects.map((object) => object.rings), image.name).toEqual(image.objects.map((object) => object.rings)));
  });
});

describe('generated masks through COCO JSON and QuPath GeoJSON', () => {
  it('keep every pixel, holes and pieces included (fuzz)', () => {
    const random = createRng(11);
    let holes = 0, geoJsonHoles = 0;
    for (let trial = 0; trial < 60; trial++) {
      // Mostly one label, so that it encloses bits of background and of the others: holes.
      const mask = randomMask(random.int(4, 16), random.int(4, 16), () => (random.chance(0.7) ? 1 : random.int(0, 3)));
      const objects = objectsFromMask(mask);
      const image: InterchangeImage = { name: `t${trial}.png`, width: mask.width, height: mask.height, objects };
      for (const segmentation of ['polygon', 'rle', 'rle-uncompressed']) {
        const encoded = cocoJson.encode!([image], { segmentation });
        if (segmentation === 'polygon') holes += encoded.reports[0].warnings.length;
        expect(samePixels(mask, cocoJson.decode!('t.json', encoded.bytes).images[0]), `trial ${trial}, COCO ${segmentation}`).toBe(true);
      }
      const encoded = qupathGeoJson.encode!(image, {}).bytes;
      expect(samePixels(mask, qupathGeoJson.decode!('t.geojson', encoded, mask).images[0]), `trial ${trial}, GeoJSON`).toBe(true);
      // What other readers take the polygons for (outer rings less their holes) is the same area.
      const features = JSON.parse(new TextDecoder().decode(encoded)).features as Array<{ geometry: { type: string; coordinates: number[][][] | number[][][][] } }>;
      features.forEach(({ geometry }, k) => {
        const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as number[][][][];
        const area = polygons.reduce((sum, [outer, ...inner]) => sum + Math.abs(ringArea(outer.flat())) - inner.reduce((n, hole) => n + Math.abs(ringArea(hole.flat())), 0), 0);
        geoJsonHoles += polygons.reduce((n, polygon) => n + polygon.length - 1, 0);
        expect(area, `trial ${trial}, object ${k + 1}`).toBeCloseTo(objectArea(objects[k].rings), 9);
      });
    }
    // Some objects had holes: COCO wrote them as RLE, GeoJSON as inner rings.
    expect(holes).toBeGreaterThan(10);
    expect(geoJsonHoles).toBeGreaterThan(10);
  });
});

/** A label mask of `next()` values (0 background), labels renumbered 1..N in order of appearance. */
function randomMask(width: number, height: number, next: () => number): LabelledMask {
  const values: number[] = [];
  const labels = Uint32Array.from({ length: width * height }, () => {
    const value = next();
    if (value && !values.includes(value)) values.push(value);
    return value ? values.indexOf(value) + 1 : 0;
  });
  return { width, height, kind: 'label', labels, values, objectNumbers: values };
}

/** [x, y, width, height] of each label of the mask (label k at k - 1), from its pixels. */
function boxesOf(mask: LabelledMask): number[][] {
  const boxes = mask.values.map(() => [Infinity, Infinity, -1, -1]);
  for (let p = 0; p < mask.labels.length; p++) {
    const label = mask.labels[p];
    if (!label) continue;
    const box = boxes[label - 1], x = p % mask.width, y = Math.floor(p / mask.width);
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return boxes.map(([x0, y0, x1, y1]) => [x0, y0, x1 - x0 + 1, y1 - y0 + 1]);
}
