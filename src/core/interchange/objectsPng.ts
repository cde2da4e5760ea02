import { exportObjectsPng } from '../mask/exportMask';
import { decodeMaskFile, maskEncoded } from './maskFormat';
import type { ImageFileFormat } from './types';

/** `_objects.png`: 24-bit RGB, black background, one colour per object (the dataset's format). */
export const objectsPng: ImageFileFormat = {
  id: 'objects',
  label: '_objects.png (24-bit RGB, one colour per object)',
  mime: 'image/png',
  scope: 'image',
  suffixes: ['_objects.png'],
  options: [
    {
      id: 'colors',
      label: 'Colours',
      choices: [
        { value: 'random', label: 'random, seeded by the image name' },
        { value: 'voc', label: 'CVAT / Pascal VOC by object number (as the dataset)' },
      ],
    },
  ],
  encode: (image, options) =>
    maskEncoded(image, exportObjectsPng(image.objects, image.width, image.height, { scheme: options.colors === 'voc' ? 'voc' : 'random', imageName: image.name })),
  decode: decodeMaskFile,
};
