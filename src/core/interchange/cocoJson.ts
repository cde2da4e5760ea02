/**
 * COCO JSON (https://cocodataset.org/#format-data), object detection and instance segmentation:
 * any number of images in one file, each object one annotation of category 1, "nucleus".
 * Coordinates are image pixels with (0, 0) the top-left corner of the top-left pixel, as here.
 *
 * Segmentation, by the `segmentation` option:
 * - `polygon` (the default): each ring a flat [x0, y0, x1, y1, …] list, unclosed, as COCO writes
 *   them. COCO polygons cannot have holes: pycocotools fills each polygon of an annotation and
 *   joins them (a union, not the even-odd rule), so a hole's ring would be filled in. An object
 *   whose rings overlap — one with a hole — is written as compressed RLE instead, which every
 *   COCO reader (pycocotools' annToRLE, Detectron2, MMDetection) takes with iscrowd 0 too, and the
 *   report warns how many were. Objects in pieces side by side stay polygons (union = even-odd).
 * - `rle`: compressed RLE ({ size: [h, w], counts: "…" }), the string of pycocotools' `encode`.
 * - `rle-uncompressed`: { size: [h, w], counts: [n0, n1, …] }.
 * RLE is the object's pixels by this app's rule (pixel centre inside, even-odd; rasterize.ts),
 * each object on its own: COCO annotations may overlap, so nothing is cut away by the objects above.
 *
 * `area` and `bbox` ([x, y, width, height]) are those pixels' count and tightest box, for every
 * kind of segmentation: for RLE exactly what pycocotools' `area` and `toBbox` give. For polygons
 * pycocotools would compute `area` from its own rasterization (rleFrPoly: vertices rounded to
 * 1/5 pixel, its own boundary rule), which can differ from ours by boundary pixels whose centres
 * lie within about 0.2 px of an edge; COCO's own files give polygon boxes from the vertices
 * (fractional), ours are whole pixels. Ours match the masks this app exports, pixel for pixel.
 *
 * Reading: see cocoRead.ts.
 */
import { pixelBoxOf, type PixelBox } from '../mask/rasterize';
import { regionOfRings } from '../mask/regions';
import { byZ, NUCLEUS_LABEL, type Ring } from '../objects';
import { readCoco } from './cocoRead';
import { boxOfRuns, countsToString, runsOfRegion } from './cocoRle';
import { jsonBytes } from './jsonFormats';
import type { CollectionFormat, Encoded, ImageReport, InterchangeImage, InterchangeObject } from './types';

type Segmentation = 'polygon' | 'rle' | 'rle-uncompressed';

export const cocoJson: CollectionFormat = {
  id: 'coco',
  label: 'COCO JSON (polygons or RLE)',
  mime: 'application/json',
  scope: 'collection',
  extension: '.json',
  options: [
    {
      id: 'segmentation',
      label: 'Segmentation',
      choices: [
        { value: 'polygon', label: 'polygons (objects with holes as RLE)' },
        { value: 'rle', label: 'compressed RLE (as pycocotools encodes masks)' },
        { value: 'rle-uncompressed', label: 'uncompressed RLE (a list of counts)' },
      ],
    },
  ],
  encode: (images, options) => writeCoco(images, (options.segmentation ?? 'polygon') as Segmentation),
  decode: readCoco,
};

/** The category every object is written with (and which reads back without a note). */
const NUCLEUS_CATEGORY = { id: 1, name: NUCLEUS_LABEL };

function writeCoco(images: readonly InterchangeImage[], segmentation: Segmentation): Encoded {
  const annotations: object[] = [];
  const reports: ImageReport[] = [];
  const cocoImages = images.map((image, i) => {
    const imageId = i + 1; // ids from 1, as in COCO's own files (some tools take 0 for "none")
    const emptyObjects: number[] = [];
    let holesAsRle = 0;
    const indexOf = new Map(image.objects.map((object, index) => [object, index]));
    for (const object of byZ(image.objects)) {
      const annotation = annotationOf(object, image, segmentation);
      if (annotation.area === 0) emptyObjects.push(indexOf.get(object)!);
      if (segmentation === 'polygon' && !Array.isArray(annotation.segmentation)) holesAsRle++;
      annotations.push({ id: annotations.length + 1, image_id: imageId, category_id: NUCLEUS_CATEGORY.id, ...annotation, iscrowd: 0 });
    }
    const warnings = holesAsRle ? [`${holesAsRle} ${holesAsRle === 1 ? 'object' : 'objects'} with holes written as RLE: COCO polygons cannot have holes`] : [];
    reports.push({ image: image.name, objects: image.objects.length, overlapPixels: 0, emptyObjects: emptyObjects.sort((a, b) => a - b), warnings });
    return { id: imageId, file_name: image.name, width: image.width, height: image.height };
  });
  return { bytes: jsonBytes({ images: cocoImages, annotations, categories: [NUCLEUS_CATEGORY] }), reports };
}

function annotationOf(object: InterchangeObject, image: InterchangeImage, segmentation: Segmentation) {
  const box = pixelBoxOf(object.rings, image);
  const region = regionOfRings(object.rings, box);
  const counts = runsOfRegion(region, image.width, image.height);
  const bbox = boxOfRuns(counts, image.height);
  const size = [image.height, image.width];
  const polygons = segmentation === 'polygon' && (object.rings.length === 1 || ringsApart(object.rings, region.area, box));
  return {
    segmentation: polygons ? object.rings.map((ring) => [...ring]) : { size, counts: segmentation === 'rle-uncompressed' ? counts : countsToString(counts) },
    area: region.area,
    bbox: [bbox.x0, bbox.y0, bbox.width, bbox.height],
  };
}

/**
 * Whether no pixel lies in two of the rings, so that COCO's union of the polygons is the even-odd
 * fill: a pixel in k rings adds k to the rings' separate counts but k mod 2 to the object's, so
 * the two totals agree exactly when no k exceeds 1.
 */
function ringsApart(rings: readonly Ring[], pixels: number, box: PixelBox): boolean {
  let separately = 0;
  for (const ring of rings) separately += regionOfRings([ring], box).area;
  return separately === pixels;
}
