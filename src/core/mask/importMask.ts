/**
 * Mask file to editable objects: decodeMask finds each object's pixels, traceLabels outlines
 * them along pixel edges, so exporting the objects again reproduces every pixel.
 */
import type { Ring } from '../objects';
import { decodeMask, type LabelledMask } from './decodeMask';
import { traceLabels } from './trace';

/** An object read from a mask: geometry and order only; ids, author and times are the app's. */
export interface ImportedObject {
  /** Image-pixel rings, vertices on pixel corners; even-odd fill = the object's pixels. */
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
 * naming the file for anything refused; nothing is modified, so callers can import first and
 * store only on success.
 */
export function importMask(fileName: string, bytes: Uint8Array, expected?: { width: number; height: number }): MaskImport {
  const mask = decodeMask(fileName, bytes, expected);
  return { width: mask.width, height: mask.height, kind: mask.kind, objects: objectsFromMask(mask) };
}

/** Outlines every label of a decoded mask; objects sorted by the file's object numbers. */
export function objectsFromMask(mask: LabelledMask): ImportedObject[] {
  const { rings, pixelCounts } = traceLabels(mask.labels, mask.width, mask.height, mask.values.length);
  const objects = rings.map((objectRings, i) => ({
    rings: objectRings,
    z: mask.objectNumbers[i],
    value: mask.values[i],
    pixels: pixelCounts[i],
  }));
  return objects.sort((a, b) => a.z - b.z); // stable: ties keep their order of appearance
}
