/**
 * Mask file to editable objects: decodeMask finds each object's pixels, traceLabels outlines
 * them along pixel edges, and simplifyExact (by default) keeps those pixels with far fewer
 * vertices, so exporting the objects again reproduces every pixel either way.
 */
import type { Ring } from '../objects';
import { decodeMask, type LabelledMask } from './decodeMask';
import { simplifyExact } from './simplify';
import { traceLabels } from './trace';

/** An object read from a mask: geometry and order only; ids, author and times are the app's. */
/**
 * How outlines are made from a mask: 'simplified' (few vertices, anywhere in the pixel boundary's
 * band) or 'exact-dense' (a vertex on every turn of the pixel boundary, all on pixel corners).
 * Both fill (pixel-centre even-odd rule) to exactly the mask's pixels.
 */
export type TraceMode = 'simplified' | 'exact-dense';
export const TRACE_MODES: readonly TraceMode[] = ['simplified', 'exact-dense'];

export interface ImportedObject {
  /** Image-pixel rings; their even-odd fill is exactly the object's pixels. */
  rings: Ring[];
  /** The file's object number (see LabelledMask.objectNumbers); ascending in the list. */
  z: number;
  /** The mask value the object had: 0xRRGGBB for colour masks, the gray value for labels. */
  value: number;
  /** Pixels the object covers. */
  pixels: number;
}

export interface MaskImport {
  width: number;
  height: number;
  kind: LabelledMask['kind'];
  /** Bottom to top (ascending z). Objects never overlap: each pixel has one value. */
  objects: ImportedObject[];
}

/**
 * Reads a mask file (PNG or TIFF; see decodeMask.ts for what is accepted) and outlines every
 * object. `expected` is the size of the image the mask belongs to. Throws FileFormatError
 * naming the file for anything refused (`force` reads a mask that looks like a picture); nothing is modified, so callers can import first and
 * store only on success.
 */
export function importMask(fileName: string, bytes: Uint8Array, expected?: { width: number; height: number }, trace: TraceMode = 'simplified', force = false): MaskImport {
  const mask = decodeMask(fileName, bytes, expected, force);
  return { width: mask.width, height: mask.height, kind: mask.kind, objects: objectsFromMask(mask, trace) };
}

/** Outlines every label of a decoded mask; objects sorted by the file's object numbers. */
export function objectsFromMask(mask: LabelledMask, trace: TraceMode = 'simplified'): ImportedObject[] {
  const { rings, pixelCounts } = traceLabels(mask.labels, mask.width, mask.height, mask.values.length);
  const objects = rings.map((objectRings, i) => ({
    rings: trace === 'simplified' ? simplifyExact(objectRings, mask) : objectRings,
    z: mask.objectNumbers[i],
    value: mask.values[i],
    pixels: pixelCounts[i],
  }));
  return objects.sort((a, b) => a.z - b.z); // stable: ties keep their order of appearance
}
