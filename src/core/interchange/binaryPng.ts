import { exportBinaryPng } from '../mask/exportMask';
import { maskEncoded } from './maskFormat';
import type { ImageFileFormat } from './types';

/** Binary mask PNG (0 / 255): export only, since it cannot tell touching objects apart. */
export const binaryPng: ImageFileFormat = {
  id: 'binary',
  label: 'Binary mask PNG (0 / 255)',
  mime: 'image/png',
  scope: 'image',
  suffixes: ['_binary.png'],
  options: [],
  encode: (image) => maskEncoded(image, exportBinaryPng(image.objects, image.width, image.height)),
};
