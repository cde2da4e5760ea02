/**
 * ImageJ / Fiji ROI sets: a ZIP of `.roi` files (imagejRoi.ts), one per object, in the order the
 * ROI Manager lists them, as its "More > Save" writes them. Fiji names the file `RoiSet.zip`;
 * here it is `<image>_rois.zip`, the name Cellpose's `save_rois` gives it, so that it pairs
 * with its image by name like a mask (`<image>_roiset.zip` is read too).
 *
 * Pixels agree both ways. ImageJ breaks ties on edges through pixel centres the other way
 * (imagejFill.ts), so an outline goes across as its vertices only when both fill the same
 * pixels from them; otherwise as the outline of the pixels along pixel edges, where no tie can
 * arise: on export the pixels the app fills, on import those ImageJ fills. Outlines simplified
 * from masks can run along a row of pixel centres (580 of the dataset's 2096 objects, where
 * ImageJ would fill 4126 pixels otherwise) and go as pixel outlines; read back, they are
 * simplified again into the same vertices.
 *
 * Export: each object one ROI named by its number in stacking order (0001 at the bottom), a
 * polygon, or a composite ROI when it has holes or several pieces. Import: polygon, freehand,
 * traced, rectangle and composite ROIs of straight segments as outlines, cut to the image as
 * CVAT polygons are; ovals filled by ImageJ's own rule (ovalRings); other ROIs (lines, points,
 * text, curves…) left out and counted by kind. ROI names, colours and positions are not kept.
 */
import { clipOutline, type DroppedOutlines } from '../cvat/outline';
import { translateRings } from '../geometry';
import { pixelBoxOf, rasterizeLocal, type PixelBox } from '../mask/rasterize';
import { simplifyExact } from '../mask/simplify';
import { traceLabels } from '../mask/trace';
import type { Ring } from '../objects';
import { readZip, zipToBytes } from '../zip';
import { imagejFill } from './imagejFill';
import { decodeRoi, encodeRoi, imagejVertices, isComposite, ovalRings, type RoiShape } from './imagejRoi';
import type { Decoded, Encoded, ImageFileFormat, InterchangeImage, InterchangeObject } from './types';

/** ZIP entries a ZIP without ZIP64 holds, so the most ROIs one set can have. */
const MAX_ROIS = 65535;

/**
 * What reading a set may take. A `.roi` of 65535 sub-pixel vertices is under 1 MB; 64 MB holds
 * millions of vertices, far more than one image's nuclei.
 */
const LIMITS = { entries: 2 * MAX_ROIS, entryBytes: 16 * 2 ** 20, totalBytes: 64 * 2 ** 20 };

export const imagejRoiZip: ImageFileFormat = {
  id: 'imagej-roi',
  label: 'ImageJ / Fiji ROI set (.zip of polygon .roi files)',
  mime: 'application/zip',
  scope: 'image',
  suffixes: ['_rois.zip', '_roiset.zip'],
  options: [],
  encode: encodeRoiSet,
  decode: decodeRoiSet,
};

function encodeRoiSet(image: InterchangeImage): Encoded {
  const order = image.objects.map((_, i) => i).sort((a, b) => image.objects[a].z - image.objects[b].z || a - b);
  const written: Ring[][] = [];
  const emptyObjects: number[] = [];
  for (const index of order) {
    const rings = image.objects[index].rings.filter((ring) => ring.length >= 6 && ring.every(Number.isFinite));
    const box = pixelBoxOf(rings, image);
    const pixels = rasterizeLocal(rings, box);
    const asVertices = rings.length > 0 && sameLabels(pixels, imagejFill(imagejVertices(rings, isComposite(rings)), box));
    const outline = asVertices ? rings : pixelOutline(pixels, box);
    if (outline.length === 0) emptyObjects.push(index);
    else written.push(outline);
  }
  if (written.length > MAX_ROIS) throw new RangeError(`${image.name}: ${written.length} objects, but one ROI set holds at most ${MAX_ROIS}`);
  const digits = Math.max(4, String(written.length).length);
  const entries = written.map((rings, k) => {
    const name = String(k + 1).padStart(digits, '0');
    return { path: `${name}.roi`, bytes: encodeRoi(name, rings) };
  });
  const warnings = emptyObjects.length ? [`${emptyObjects.length} objects without a usable outline were left out`] : [];
  return {
    bytes: zipToBytes(entries),
    reports: [{ image: image.name, objects: image.objects.length, overlapPixels: 0, emptyObjects: emptyObjects.sort((a, b) => a - b), warnings }],
  };
}

/** The rings along the edges of an object's pixels (`labels` in `box`, as rasterizeLocal gives them). */
function pixelOutline(labels: Uint32Array, box: PixelBox): Ring[] {
  return translateRings(traceLabels(labels, box.width, box.height, 1).rings[0], box.x0, box.y0);
}

function sameLabels(a: Uint32Array, b: Uint32Array): boolean {
  return a.every((label, i) => label === b[i]);
}

/**
 * The objects of a ROI set, bottom to top in the file's order. With `expected` (the image's
 * size) outlines are cut to the image; without, the image is taken to reach from (0, 0) to the
 * furthest vertex. Throws FileFormatError naming the file (and the entry) for anything refused.
 */
function decodeRoiSet(fileName: string, bytes: Uint8Array, expected?: { width: number; height: number }): Decoded {
  const skipped: Record<string, number> = {};
  const count = (what: string) => (skipped[what] = (skipped[what] ?? 0) + 1);
  const wanted = (path: string) => {
    if (path.toLowerCase().endsWith('.roi')) return true;
    if (!path.endsWith('/')) count('file that is not a .roi'); // folders are no loss
    return false;
  };
  const shapes = readZip(fileName, bytes, wanted, LIMITS).map((entry) => decodeRoi(fileName, entry.path, entry.bytes));
  const image = expected ?? extentOf(shapes);
  const dropped: DroppedOutlines = {};
  const objects: InterchangeObject[] = [];
  for (const shape of shapes) {
    if (shape.kind === 'skipped') {
      count(shape.what);
      continue;
    }
    const rings = shape.kind === 'oval' ? ovalRings(shape, image.width, image.height) : asImageJFillsThem(shape, image, dropped);
    if (rings === null) continue; // every ring left out, and counted
    if (rings.length === 0) count('area without a pixel in the image');
    // Outlines along pixel edges (ImageJ's wand, traced ROIs, this export) get few vertices as
    // masks do, keeping exactly their pixels; any other outline is kept as it is.
    else objects.push({ rings: simplifyExact(rings, image), z: objects.length + 1 });
  }
  return { images: [{ name: null, ...image, objects }], skipped, droppedOutlines: dropped };
}

/**
 * An outline's rings cut to the image (unusable ones counted in `dropped`; null when none is
 * left), or, when the app would fill other pixels from them than ImageJ does, the outline of
 * ImageJ's pixels (empty when ImageJ fills none).
 */
function asImageJFillsThem(shape: Extract<RoiShape, { kind: 'rings' }>, image: { width: number; height: number }, dropped: DroppedOutlines): Ring[] | null {
  const kept: Ring[] = [];
  for (const ring of shape.rings) {
    const clipped = clipOutline(ring, image.width, image.height);
    if (typeof clipped === 'string') dropped[clipped] = (dropped[clipped] ?? 0) + 1;
    else kept.push(clipped);
  }
  if (kept.length === 0) return null;
  const box = pixelBoxOf(shape.rings, image);
  const theirs = imagejFill(imagejVertices(shape.rings, shape.composite), box);
  return sameLabels(rasterizeLocal(kept, box), theirs) ? kept : pixelOutline(theirs, box);
}

/** The image that (0, 0) and the furthest vertex or oval of the set span. */
function extentOf(shapes: readonly RoiShape[]): { width: number; height: number } {
  let width = 0, height = 0;
  for (const shape of shapes) {
    if (shape.kind === 'oval') {
      width = Math.max(width, Math.ceil(shape.x + shape.width));
      height = Math.max(height, Math.ceil(shape.y + shape.height));
    } else if (shape.kind === 'rings') {
      for (const ring of shape.rings) {
        for (let i = 0; i < ring.length; i += 2) {
          width = Math.max(width, Math.ceil(ring[i]));
          height = Math.max(height, Math.ceil(ring[i + 1]));
        }
      }
    }
  }
  return { width, height };
}
