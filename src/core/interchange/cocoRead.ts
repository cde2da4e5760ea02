/**
 * Reading COCO JSON (see cocoJson.ts for the format). Each annotation with a segmentation becomes
 * one object of its image, stacked in file order (later on top):
 * - polygons: one ring each, all of an annotation one object (several pieces), cut to the image
 *   like CVAT's; outlines no object can be made of are left out and counted (droppedOutlines).
 *   Rings are filled by the even-odd rule here, COCO's union elsewhere: the same for polygons that
 *   do not overlap, as the pieces of one object do not.
 * - RLE, compressed or not: decoded in the object's own box and traced to exact outlines, as a
 *   mask file is (ringsOfRegion: the same simplified rings as importing the mask as a PNG).
 * Crowd annotations (iscrowd 1) come in as objects too, noted as such, so a clump someone marked
 * stays visible and can be split; a category other than "nucleus" is kept in the note.
 * Annotations with no segmentation (boxes only) and masks with no pixel are counted in `skipped`.
 *
 * Refused with a FileFormatError naming the file: text that is not JSON, a file without an
 * `images` list, images without an id, a name or a whole-number size, two images of one id, images larger than the app reads
 * (checked before anything is sized by them), annotations of an image the file does not list,
 * and segmentations of the wrong shape (RLE counts beyond the image's pixels included).
 */
import type { DroppedOutlines } from '../cvat/outline';
import { FileFormatError } from '../errors';
import { checkImageSize, wrapLibraryErrors } from '../formats/common';
import { ringsOfRegion } from '../mask/regions';
import { NUCLEUS_LABEL, type Ring } from '../objects';
import { countsFromString, regionOfRuns } from './cocoRle';
import { addOutline, isRecord, parseJsonFile, shown, tally, type Refuse } from './jsonFormats';
import type { Decoded, DecodedImage } from './types';

export function readCoco(fileName: string, bytes: Uint8Array): Decoded {
  return wrapLibraryErrors(fileName, 'COCO JSON', () => readCocoJson(fileName, parseJsonFile(fileName, bytes)));
}

function readCocoJson(fileName: string, json: unknown): Decoded {
  const refuse: Refuse = (reason) => {
    throw new FileFormatError(fileName, reason);
  };
  if (!isRecord(json) || !Array.isArray(json.images)) {
    refuse('not a COCO file: expected an object with an "images" list');
  }
  const annotations = json.annotations ?? [];
  if (!Array.isArray(annotations)) refuse('"annotations" is not a list');
  const categories = categoryNames(json.categories, refuse);

  const images: DecodedImage[] = [];
  const byId = new Map<unknown, DecodedImage>();
  json.images.forEach((entry: unknown, i: number) => {
    const image = readImage(fileName, entry, i, refuse);
    if (byId.has(image.id)) refuse(`two images have id ${shown(image.id)}`);
    byId.set(image.id, image.decoded);
    images.push(image.decoded);
  });

  const skipped: Record<string, number> = {};
  const droppedOutlines: DroppedOutlines = {};
  annotations.forEach((annotation: unknown, i: number) => {
    const where = `annotation ${isRecord(annotation) && annotation.id !== undefined ? shown(annotation.id) : `${i + 1} (in file order)`}`;
    const fail: Refuse = (reason) => refuse(`${where}: ${reason}`);
    if (!isRecord(annotation)) fail('not an object');
    const image = byId.get(annotation.image_id);
    if (!image) fail(`image_id ${shown(annotation.image_id)} is not the id of an image in the file`);
    const { segmentation } = annotation;
    if (segmentation === undefined || segmentation === null || (Array.isArray(segmentation) && segmentation.length === 0)) return tally(skipped, 'box');
    const rings = Array.isArray(segmentation) ? polygonRings(segmentation, image, droppedOutlines, fail) : rleRings(segmentation, image, fail);
    if (rings === null) return tally(skipped, 'empty mask');
    if (rings.length === 0) return; // every polygon left out, and counted
    const notes = [];
    const category = categories.get(annotation.category_id);
    if (category !== NUCLEUS_LABEL) notes.push(`COCO category: ${category ?? shown(annotation.category_id ?? '(none)')}`);
    if (annotation.iscrowd === 1) notes.push('COCO iscrowd: one region for several objects');
    image.objects.push({ rings, z: image.objects.length + 1, ...(notes.length ? { note: notes.join('; ') } : {}) });
  });
  return { images, skipped, droppedOutlines };
}

function categoryNames(categories: unknown, refuse: Refuse): Map<unknown, string> {
  const names = new Map<unknown, string>();
  if (categories === undefined) return names;
  if (!Array.isArray(categories)) refuse('"categories" is not a list');
  for (const category of categories) if (isRecord(category) && typeof category.name === 'string') names.set(category.id, category.name);
  return names;
}

function readImage(fileName: string, entry: unknown, i: number, refuse: Refuse): { id: unknown; decoded: DecodedImage } {
  if (!isRecord(entry)) refuse(`image ${i + 1} (in file order) is not an object`);
  // Annotations name their image by id, so an image without one could never be matched.
  if (typeof entry.id !== 'number' && typeof entry.id !== 'string') refuse(`image ${i + 1} (in file order) has no id`);
  const name = entry.file_name;
  const where = `image ${shown(entry.id)}`;
  if (typeof name !== 'string' || name === '') refuse(`${where} has no file_name`);
  for (const key of ['width', 'height'] as const) {
    const value = entry[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) refuse(`${where} ("${name}"): ${key} ${shown(value)} is not a whole number of pixels`);
  }
  const width = entry.width as number, height = entry.height as number;
  // The largest image intake takes at a byte a pixel: nothing is sized by a larger one.
  checkImageSize(fileName, `COCO image "${name}":`, { width, height, channels: 1, bitsPerSample: 8 });
  return { id: entry.id, decoded: { name, width, height, objects: [] } };
}

function polygonRings(polygons: unknown[], size: DecodedImage, dropped: DroppedOutlines, fail: Refuse): Ring[] {
  const rings: Ring[] = [];
  polygons.forEach((polygon, k) => {
    if (!Array.isArray(polygon) || polygon.length % 2 !== 0 || !polygon.every((v) => typeof v === 'number')) {
      fail(`polygon ${k + 1} is not a list of x, y numbers`);
    }
    addOutline(polygon, size, rings, dropped);
  });
  return rings;
}

/** The exact outlines of an RLE segmentation; null when it sets no pixel. */
function rleRings(rle: unknown, image: DecodedImage, fail: Refuse): Ring[] | null {
  if (!isRecord(rle) || !Array.isArray(rle.size)) fail('segmentation is neither a list of polygons nor an RLE object with "size" and "counts"');
  const { width, height } = image;
  if (rle.size[0] !== height || rle.size[1] !== width) fail(`the RLE size ${shown(rle.size)} is not [height, width] of its image, [${height}, ${width}]`);
  const counts = typeof rle.counts === 'string' ? countsFromString(rle.counts, width * height, fail) : countList(rle.counts, width * height, fail);
  const region = regionOfRuns(counts, height);
  return region.area === 0 ? null : ringsOfRegion(region, image);
}

/** Uncompressed RLE counts, checked like countsFromString's: whole numbers adding up to at most `pixels`. */
function countList(counts: unknown, pixels: number, fail: Refuse): number[] {
  if (!Array.isArray(counts)) fail('the RLE counts are neither a string nor a list');
  let total = 0;
  for (const count of counts) {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) fail(`the RLE count ${shown(count)} is not a whole number`);
    total += count;
    if (total > pixels) fail(`the RLE counts cover more than the ${pixels} pixels of the mask`);
  }
  return counts;
}
