import { describe, expect, it } from 'vitest';
import { rasterizeShapes } from '../mask/rasterize';
import { errorOf } from '../testing/errors';
import { cocoJson } from './cocoJson';
import { countsToString } from './cocoRle';
import type { InterchangeImage } from './types';

const square = (x: number, y: number, size: number) => [x, y, x + size, y, x + size, y + size, x, y + size];
const encode = (images: InterchangeImage[], segmentation = 'polygon') => cocoJson.encode!(images, { segmentation });
const json = (images: InterchangeImage[], segmentation?: string) => JSON.parse(new TextDecoder().decode(encode(images, segmentation).bytes));
const decode = (value: unknown, name = 'a.json') => cocoJson.decode!(name, new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)));
const pixels = (image: { width: number; height: number; objects: InterchangeImage['objects'] }) => Array.from(rasterizeShapes(image.objects, image.width, image.height).labels);

const cells: InterchangeImage = {
  name: 'train/cells.png',
  width: 20,
  height: 16,
  objects: [
    { rings: [square(9, 3, 6), square(11, 5, 2)], z: 2 }, // with a hole
    { rings: [[2.5, 2, 7, 2, 7, 6.5]], z: 1 }, // a triangle, off the pixel grid
    { rings: [square(1, 10, 2), square(3, 12, 2)], z: 3 }, // two pieces touching at a corner
  ],
};

/** A COCO file with one 4 x 3 image (id 7) and the given annotations. */
const file = (annotations: unknown[], image: Record<string, unknown> = {}) => ({
  images: [{ id: 7, file_name: 'a.png', width: 4, height: 3, ...image }],
  annotations: annotations.map((annotation, i) => ({ id: i + 1, image_id: 7, category_id: 1, ...(annotation as object) })),
  categories: [{ id: 1, name: 'nucleus' }, { id: 2, name: 'mitosis' }],
});

describe('COCO JSON export', () => {
  it('writes images, annotations bottom to top with pixel areas and boxes, and the nucleus category', () => {
    const coco = json([cells]);
    expect(coco.images).toEqual([{ id: 1, file_name: 'train/cells.png', width: 20, height: 16 }]);
    expect(coco.categories).toEqual([{ id: 1, name: 'nucleus' }]);
    expect(coco.annotations.map((a: { id: number; image_id: number; category_id: number; iscrowd: number }) => [a.id, a.image_id, a.category_id, a.iscrowd])).toEqual([
      [1, 1, 1, 0],
      [2, 1, 1, 0],
      [3, 1, 1, 0],
    ]);
    const [triangle, ring, pieces] = coco.annotations;
    expect(triangle.segmentation).toEqual([[2.5, 2, 7, 2, 7, 6.5]]);
    // The triangle's pixels by the centre rule: rows 2..5 hold 4, 3, 2 and 1 centres right of its diagonal.
    expect([triangle.area, triangle.bbox]).toEqual([10, [3, 2, 4, 4]]);
    expect([ring.area, ring.bbox]).toEqual([32, [9, 3, 6, 6]]); // 36 less the 4 of the hole
    expect(pieces.segmentation).toEqual([square(1, 10, 2), square(3, 12, 2)]); // side by side: polygons
    expect([pieces.area, pieces.bbox]).toEqual([8, [1, 10, 4, 4]]);
  });

  it('writes an object with a hole as RLE (COCO polygons are filled together) and says so', () => {
    const encoded = encode([cells]);
    expect(encoded.reports).toEqual([{ image: 'train/cells.png', objects: 3, overlapPixels: 0, emptyObjects: [], warnings: ['1 object with holes written as RLE: COCO polygons cannot have holes'] }]);
    const ring = json([cells]).annotations[1].segmentation;
    expect(ring.size).toEqual([16, 20]);
    // Column 9 is the first: 9 * 16 + 3 background pixels, then 6 of the ring, …
    expect(decode(json([cells], 'rle-uncompressed')).images[0].objects[1].rings).toHaveLength(2);
    expect(json([cells], 'rle-uncompressed').annotations[1].segmentation.counts.slice(0, 4)).toEqual([147, 6, 10, 6]);
    expect(typeof ring.counts).toBe('string');
  });

  it('writes every object as RLE when asked, compressed or not, each with its own pixels', () => {
    for (const segmentation of ['rle', 'rle-uncompressed']) {
      const coco = json([cells], segmentation);
      expect(coco.annotations.every((a: { segmentation: { size: number[] } }) => a.segmentation.size.join() === '16,20'), segmentation).toBe(true);
      expect(encode([cells], segmentation).reports[0].warnings).toEqual([]);
      expect(coco.annotations.map((a: { area: number }) => a.area)).toEqual([10, 32, 8]);
    }
    // The same objects, uncompressed and compressed: the strings encode the lists.
    const [listed, compressed] = ['rle-uncompressed', 'rle'].map((s) => json([cells], s).annotations.map((a: { segmentation: { counts: unknown } }) => a.segmentation.counts));
    expect(compressed).toEqual(listed.map(countsToString));
  });

  it('round-trips the pixels of every kind of segmentation, over several images and an empty one', () => {
    const empty: InterchangeImage = { name: 'empty.png', width: 5, height: 4, objects: [] };
    for (const segmentation of ['polygon', 'rle', 'rle-uncompressed']) {
      const decoded = decode(json([cells, empty], segmentation));
      expect(decoded.images.map((image) => [image.name, image.width, image.height, image.objects.length])).toEqual([
        ['train/cells.png', 20, 16, 3],
        ['empty.png', 5, 4, 0],
      ]);
      const byZ = { ...cells, objects: [...cells.objects].sort((a, b) => a.z - b.z) };
      expect(pixels(decoded.images[0]), segmentation).toEqual(pixels(byZ));
      expect(decoded.images[0].objects.map((object) => [object.z, object.note])).toEqual([
        [1, undefined],
        [2, undefined],
        [3, undefined],
      ]);
    }
  });

  it('reports objects without pixels, by their index in the image', () => {
    const thin: InterchangeImage = { name: 't.png', width: 8, height: 8, objects: [{ rings: [square(1, 1, 3)], z: 1 }, { rings: [[1, 1, 5, 1.2, 1, 1.4]], z: 2 }] };
    expect(encode([thin]).reports[0].emptyObjects).toEqual([1]);
    const sliver = json([thin], 'rle').annotations[1];
    // 64 background pixels, 64 = 0 + 2 * 32: "P" (48 + 0, more to come: + 0x20), then "2".
    expect([sliver.area, sliver.bbox, sliver.segmentation.counts]).toEqual([0, [0, 0, 0, 0], 'P2']);
  });
});

describe('COCO JSON import', () => {
  it('reads polygons (several per annotation: one object), RLE strings and count lists', () => {
    const decoded = decode(
      file([
        { segmentation: [[0, 0, 2, 0, 2, 2, 0, 2], [3, 0, 4, 0, 4, 1, 3, 1]] },
        { segmentation: { size: [3, 4], counts: [11, 1] } }, // the last pixel, (3, 2)
        // [9, 1, 1, 1]: pixels 9 = (3, 0) and 11 = (3, 2); the 4th count as 1 - 1 = 0.
        { segmentation: { size: [3, 4], counts: '9110' } },
      ]),
    );
    expect([decoded.skipped, decoded.droppedOutlines]).toEqual([{}, {}]);
    const [image] = decoded.images;
    expect([image.name, image.width, image.height]).toEqual(['a.png', 4, 3]);
    expect(image.objects.map((object) => [object.z, object.rings.length])).toEqual([
      [1, 2],
      [2, 1],
      [3, 2],
    ]);
    expect(image.objects[0].rings).toEqual([[0, 0, 2, 0, 2, 2, 0, 2], [3, 0, 4, 0, 4, 1, 3, 1]]);
    // prettier-ignore
    expect(pixels(image)).toEqual([
      1, 1, 0, 3,
      1, 1, 0, 0,
      0, 0, 0, 3,
    ]);
  });

  it('cuts polygons to the image and counts those left out, keeps crowds and other categories with a note, counts boxes', () => {
    const text = JSON.stringify(
      file([
        { segmentation: [[-2, -2, 2, -2, 2, 2, -2, 2]] },
        { segmentation: [[123456789, 0, 1, 1, 0, 1]] }, // made 1e999 below: JSON's only way to infinity
        { segmentation: [[1, 1, 2, 2]] }, // pycocotools would even read 4 numbers as a box
        { segmentation: [[50, 50, 60, 50, 60, 60]] },
        { segmentation: { size: [3, 4], counts: [0, 12] }, iscrowd: 1 },
        { segmentation: [[0, 0, 1, 0, 1, 1]], category_id: 2 },
        { segmentation: [[0, 0, 1, 0, 1, 1]], category_id: 9 },
        { bbox: [0, 0, 2, 2] },
        { segmentation: [] },
        { segmentation: { size: [3, 4], counts: [12] } },
      ]),
    );
    const decoded = decode(text.replace('123456789', '1e999'));
    expect(decoded.droppedOutlines).toEqual({ nonFinite: 1, tooFewVertices: 1, outsideImage: 1 });
    expect(decoded.skipped).toEqual({ box: 2, 'empty mask': 1 });
    const objects = decoded.images[0].objects;
    expect(pixels({ ...decoded.images[0], objects: objects.slice(0, 1) })).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(objects.map((object) => object.note)).toEqual([undefined, 'COCO iscrowd: one region for several objects', 'COCO category: mitosis', 'COCO category: 9']);
  });

  it('refuses what is not a COCO file, naming the file and what is wrong', () => {
    const refused: Array<[unknown, string]> = [
      ['{"images": [', 'not valid JSON: '],
      [Uint8Array.of(0xff, 0xfe, 0x7b), 'not UTF-8 text'],
      [[{ image_id: 1, segmentation: [] }], 'not a COCO file: expected an object with an "images" list'], // a results file
      [{ images: [{ file_name: 'a.png', width: 4, height: 3 }] }, 'image 1 (in file order) has no id'],
      [{ type: 'FeatureCollection' }, 'not a COCO file'],
      [{ images: [], annotations: {} }, '"annotations" is not a list'],
      [{ images: [7] }, 'image 1 (in file order) is not an object'],
      [{ images: [{ id: 1, width: 4, height: 3 }] }, 'image 1 has no file_name'],
      [{ images: [{ id: 1, file_name: 'a.png', width: 4.5, height: 3 }] }, 'image 1 ("a.png"): width 4.5 is not a whole number of pixels'],
      [{ images: [{ id: 1, file_name: 'a.png', width: 4, height: '3' }] }, 'image 1 ("a.png"): height "3" is not a whole number of pixels'],
      [{ images: [{ id: 1, file_name: 'a.png', width: 4, height: 3 }, { id: 1, file_name: 'b.png', width: 4, height: 3 }] }, 'two images have id 1'],
      [file([{ image_id: 8, segmentation: [] }]), 'annotation 1: image_id 8 is not the id of an image in the file'],
      [file([{ segmentation: [[0, 0, 1, 0, 1]] }]), 'annotation 1: polygon 1 is not a list of x, y numbers'],
      [file([{ segmentation: [['0', 0, 1, 0, 1, 1]] }]), 'annotation 1: polygon 1 is not a list of x, y numbers'],
      [file([{ segmentation: 'polygon' }]), 'annotation 1: segmentation is neither a list of polygons nor an RLE object'],
      [file([{ segmentation: { size: [4, 3], counts: [12] } }]), 'annotation 1: the RLE size [4,3] is not [height, width] of its image, [3, 4]'],
      [file([{ segmentation: { size: [3, 4], counts: 12 } }]), 'annotation 1: the RLE counts are neither a string nor a list'],
      [file([{ segmentation: { size: [3, 4], counts: [6, -1, 7] } }]), 'annotation 1: the RLE count -1 is not a whole number'],
    ];
    for (const [value, message] of refused) {
      const error = errorOf(() => (value instanceof Uint8Array ? cocoJson.decode!('a.json', value) : decode(value)));
      expect(error.message, message).toContain(`a.json: ${message}`);
    }
  });

  it('refuses huge images and RLE counts claiming more pixels than the image has, without allocating for them', () => {
    const huge = errorOf(() => decode(file([], { width: 100_000, height: 100_000 })));
    expect(huge.message).toMatch(/^a\.json: COCO image "a\.png": image is too large: 100000 x 100000 pixels/);
    // 4 x 3 = 12 pixels; these claim a trillion (as a list) and 2^45 (as a string).
    expect(errorOf(() => decode(file([{ segmentation: { size: [3, 4], counts: [0, 1e12] } }]))).message).toBe('a.json: annotation 1: the RLE counts cover more than the 12 pixels of the mask');
    expect(errorOf(() => decode(file([{ segmentation: { size: [3, 4], counts: '0' + 'P'.repeat(8) + '1' } }]))).message).toBe('a.json: annotation 1: the RLE counts cover more than the 12 pixels of the mask');
    // Huge coordinates are simply cut to the image.
    const far = decode(file([{ segmentation: [[0, 0, 1e300, 0, 1e300, 1e300, 0, 1e300]] }]));
    expect(pixels(far.images[0])).toEqual(new Array(12).fill(1));
  });
});
