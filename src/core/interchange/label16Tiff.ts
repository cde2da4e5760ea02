import { exportLabel16Tiff } from '../mask/exportMask';
import { decodeMaskFile, maskEncoded } from './maskFormat';
import type { ImageFileFormat } from './types';

/**
 * 16-bit grey label TIFF: 0 background, 1..N; other tools' label TIFF names are read too,
 * Cellpose's `_cp_masks.tif` before `_masks.tif` (the first suffix that matches names the image).
 */
export const label16Tiff: ImageFileFormat = {
  id: 'label16-tiff',
  label: '16-bit label TIFF (0 background, 1..N)',
  mime: 'image/tiff',
  scope: 'image',
  suffixes: ['_label16.tif', '_cp_masks.tif', '_cp_masks.tiff', '_masks.tif', '_masks.tiff', '_labels.tif', '_labels.tiff'],
  options: [],
  encode: (image) => maskEncoded(image, exportLabel16Tiff(image.objects, image.width, image.height)),
  decode: decodeMaskFile,
};
