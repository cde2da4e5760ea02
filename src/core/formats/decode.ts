/**
 * One entry point for every supported image file: the format is recognised from the content
 * (magic bytes), except Cellomics .C01, which has no magic number and is recognised by its
 * extension. Whatever goes wrong surfaces as a FileFormatError naming the file and the reason;
 * no library error escapes.
 */
import { FileFormatError } from '../errors';
import type { Raster } from '../raster';
import { decodeC01, isC01Name } from './c01';
import { wrapLibraryErrors } from './common';
import { decodeJpeg, isJpeg } from './jpeg';
import { decodePng, isPng } from './png';
import { decodeTiff, isTiff } from './tiff';

export type ImageFormat = 'png' | 'jpeg' | 'tiff' | 'c01';

const FORMAT_NAMES: Record<ImageFormat, string> = { png: 'PNG', jpeg: 'JPEG', tiff: 'TIFF', c01: '.C01' };

const DECODERS: Record<ImageFormat, (fileName: string, bytes: Uint8Array) => Raster> = {
  png: decodePng,
  jpeg: decodeJpeg,
  tiff: decodeTiff,
  c01: decodeC01,
};

/**
 * The format of a file from its first bytes (or, for .C01, its name); null when unrecognised.
 * Content wins over the name, so a PNG saved as "x.tif" still opens.
 */
export function detectImageFormat(fileName: string, bytes: Uint8Array): ImageFormat | null {
  if (isPng(bytes)) return 'png';
  if (isJpeg(bytes)) return 'jpeg';
  if (isTiff(bytes)) return 'tiff';
  if (isC01Name(fileName)) return 'c01';
  return null;
}

/**
 * Decodes an image file (PNG, JPEG, TIFF or Cellomics .C01) into a Raster.
 * Throws FileFormatError("<fileName>: <reason>") for an empty file, an unknown format, an image
 * above MAX_IMAGE_BYTES (refused from the header) and any corrupt or unsupported content.
 */
export function decodeImageFile(fileName: string, bytes: Uint8Array): Raster {
  return decodeImage(fileName, bytes).raster;
}

/** Like decodeImageFile, also telling which format was found. */
export function decodeImage(fileName: string, bytes: Uint8Array): { format: ImageFormat; raster: Raster } {
  if (bytes.length === 0) throw new FileFormatError(fileName, 'the file is empty');
  const format = detectImageFormat(fileName, bytes);
  if (!format) {
    throw new FileFormatError(fileName, 'not a supported image (expected PNG, JPEG, TIFF or Cellomics .C01)');
  }
  // The decoders wrap their libraries' errors themselves; this is the backstop for anything
  // they did not foresee (e.g. a TypeError deep inside a library).
  const raster = wrapLibraryErrors(fileName, FORMAT_NAMES[format], () => DECODERS[format](fileName, bytes));
  return { format, raster };
}
