/**
 * What the mask formats (`_objects.png`, label images, binary masks) share: one image per file,
 * pixels from the objects by the export's rule (rasterize.ts), and reading any of them back as
 * a label image (decodeMask.ts) traced into exact outlines.
 */
import { importMask } from '../mask/importMask';
import type { MaskExport } from '../mask/exportMask';
import type { Decoded, Encoded, ImageFileFormat, InterchangeImage } from './types';

/** The report of one mask export, as the registry gives it. */
export function maskEncoded(image: InterchangeImage, mask: MaskExport): Encoded {
  return {
    bytes: mask.bytes,
    reports: [{ image: image.name, objects: image.objects.length, overlapPixels: mask.report.overlapPixels, emptyObjects: mask.report.emptyObjects, warnings: mask.warnings }],
  };
}

/** Reads a mask file of any of the accepted kinds (see decodeMask.ts) into the objects of one unnamed image. */
export const decodeMaskFile: NonNullable<ImageFileFormat['decode']> = (fileName, bytes, expected, force): Decoded => {
  const mask = importMask(fileName, bytes, expected, 'simplified', force);
  return { images: [{ name: null, width: mask.width, height: mask.height, objects: mask.objects }], skipped: {} };
};
