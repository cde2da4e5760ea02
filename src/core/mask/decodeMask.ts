/**
 * Reading an instance mask file into a label image: which pixels belong to which object.
 *
 * Accepted (PNG or TIFF, recognised from the content):
 * - colour masks (`_objects.png`): 8-bit RGB; any colour is an object, (0, 0, 0) is background.
 *   RGBA only when every pixel is fully opaque (some tools add an alpha channel of 255s); any
 *   transparency is refused, since it would be unclear what a half-transparent object means.
 * - label images: 8- or 16-bit gray, each value an object, 0 background (Cellpose, StarDist).
 *   A binary mask is therefore one object (all its pieces), not one object per blob.
 * Refused with a FileFormatError naming the file: 16-bit colour, a size other than the image's,
 * damaged files (the decoders' messages), and pictures that are not object masks: more than
 * MAX_MASK_OBJECTS values, or anti-aliased edges (pictureCheck.ts), which throw
 * MaskLooksLikePictureError; with `force` such a file is read anyway, every colour an object.
 */
import { vocIndex } from '../colors';
import { FileFormatError } from '../errors';
import { checkImageSize, wrapLibraryErrors } from '../formats/common';
import { decodeImage } from '../formats/decode';
import { isPng, pngSize, readPngHeader } from '../formats/png';
import { inflatePngRows } from '../formats/pngDirect';
import type { Raster } from '../raster';
import { judgePicture } from './pictureCheck';
import { ColourIndex, labelRgbPixels, labelRgbPngRows, MAX_MASK_OBJECTS, tooManyValues } from './rgbLabels';

export { MAX_MASK_OBJECTS };

/** The name of MaskLooksLikePictureError, which survives a worker's reply (a class does not). */
export const MASK_LOOKS_LIKE_PICTURE = 'MaskLooksLikePictureError';

/** The file looks like an anti-aliased picture; the user may import it anyway (`force`). */
export class MaskLooksLikePictureError extends FileFormatError {
  constructor(fileName: string, reason: string) {
    super(fileName, reason);
    this.name = MASK_LOOKS_LIKE_PICTURE;
  }
}

export interface LabelledMask {
  width: number;
  height: number;
  kind: 'colour' | 'label';
  /** Per pixel, rows top to bottom: 0 background, else 1..count (in order of first appearance). */
  labels: Uint32Array;
  /** values[k - 1]: the mask value of label k (0xRRGGBB, or the gray label value). */
  values: number[];
  /**
   * objectNumbers[k - 1]: label k's number in the file's own numbering, to order objects by:
   * the gray value for label images; for colour masks whose colours are all VOC colours the
   * VOC index (as CVAT and the dataset number objects), else the order of first appearance
   * (rows top to bottom).
   */
  objectNumbers: number[];
}

/**
 * Decodes `bytes` (a mask file called `fileName`) into labels. With `expected`, the mask must
 * have exactly that size (the image it belongs to). Throws FileFormatError as described above.
 */
export function decodeMask(fileName: string, bytes: Uint8Array, expected?: { width: number; height: number }, force = false): LabelledMask {
  const found = readLabels(fileName, bytes, expected);
  if (!force) checkNotAPicture(fileName, found);
  const numbers = found.kind === 'label' ? found.values : found.values.map(vocIndex);
  // Arbitrary colours have VOC indices in the millions; a VOC-numbered mask stays small.
  const objectNumbers = numbers.every((n) => n <= MAX_MASK_OBJECTS) ? numbers : found.values.map((_, i) => i + 1);
  return { ...found, objectNumbers };
}

interface Found {
  width: number;
  height: number;
  kind: LabelledMask['kind'];
  labels: Uint32Array;
  values: number[];
}

function checkSize(fileName: string, width: number, height: number, expected?: { width: number; height: number }): void {
  if (expected && (expected.width !== width || expected.height !== height)) {
    throw new FileFormatError(fileName, `the mask is ${width} x ${height} pixels but its image is ${expected.width} x ${expected.height}`);
  }
}

function readLabels(fileName: string, bytes: Uint8Array, expected?: { width: number; height: number }): Found {
  if (isPng(bytes)) {
    const header = readPngHeader(bytes, fileName);
    checkImageSize(fileName, 'PNG', pngSize(header));
    checkSize(fileName, header.width, header.height, expected);
    if (header.colorType === 2 && header.bitDepth === 8 && !header.interlaced) {
      // The `_objects.png` layout: labelled from the filtered rows (rgbLabels.ts).
      const { width, height } = header;
      const index = new ColourIndex(fileName);
      const labels = wrapLibraryErrors(fileName, 'PNG', () => labelRgbPngRows(index, inflatePngRows(bytes, header), width, height));
      return { width, height, kind: 'colour', labels, values: index.values };
    }
  }
  const { raster } = decodeImage(fileName, bytes);
  const { width, height } = raster;
  checkSize(fileName, width, height, expected);
  if (raster.channels === 1) return { width, height, kind: 'label', ...labelGray(fileName, raster) };
  if (raster.bitDepth !== 8) {
    throw new FileFormatError(fileName, '16-bit colour is not an object mask (expected 8-bit RGB, or an 8/16-bit gray label image)');
  }
  const index = new ColourIndex(fileName);
  const labels = labelRgbPixels(index, raster.channels === 4 ? opaqueRgb(fileName, raster.data) : raster.data, width, height);
  return { width, height, kind: 'colour', labels, values: index.values };
}

/** RGB bytes of fully opaque RGBA; refuses any transparency. */
function opaqueRgb(fileName: string, rgba: Uint8Array): Uint8Array {
  const rgb = new Uint8Array((rgba.length / 4) * 3);
  for (let i = 0, o = 0; i < rgba.length; i += 4, o += 3) {
    if (rgba[i + 3] !== 255) throw new FileFormatError(fileName, 'the mask has transparent pixels; an object mask must be opaque (RGB, black background)');
    rgb[o] = rgba[i];
    rgb[o + 1] = rgba[i + 1];
    rgb[o + 2] = rgba[i + 2];
  }
  return rgb;
}

/** Labels of a gray label image, by a lookup table over all possible values. */
function labelGray(fileName: string, raster: Raster): { labels: Uint32Array; values: number[] } {
  const { data } = raster;
  const table = new Uint32Array(raster.bitDepth === 16 ? 65536 : 256);
  const labels = new Uint32Array(data.length);
  const values: number[] = [];
  for (let p = 0; p < data.length; p++) {
    const value = data[p];
    if (value === 0) continue;
    let label = table[value];
    if (label === 0) {
      if (values.length === MAX_MASK_OBJECTS) throw tooManyValues(fileName);
      values.push(value);
      table[value] = label = values.length;
    }
    labels[p] = label;
  }
  return { labels, values };
}

function checkNotAPicture(fileName: string, found: Found): void {
  const { blended, colours, isPicture } = judgePicture(found);
  if (!isPicture) return;
  throw new MaskLooksLikePictureError(
    fileName,
    `${blended} of its ${colours} colours are thin rings blended between the colours beside them: this looks like an ` +
      'anti-aliased picture, not an object mask (one flat colour per object, black background)',
  );
}
