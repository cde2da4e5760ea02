import { exportLabel16Png } from '../mask/exportMask';
import { decodeMaskFile, maskEncoded } from './maskFormat';
import type { ImageFileFormat } from './types';

/**
 * 16-bit grey label PNG: 0 background, 1..N (Cellpose, StarDist); other tools' label PNG names
 * are read too, Cellpose's GUI output `_cp_masks.png` before `_masks.png` (the first suffix that
 * matches names the image).
 */
export const label16Png: ImageFileFormat = {
  id: 'label16',
  label: '16-bit label PNG (0 background, 1..N; Cellpose, StarDist)',
  mime: 'image/png',
  scope: 'image',
  suffixes: ['_label16.png', '_cp_masks.png', '_masks.png', '_labels.png'],
  options: [],
  encode: (image) => maskEncoded(image, exportLabel16Png(image.objects, image.width, image.height)),
  decode: decodeMaskFile,
};
