import { cvatImageFromObjects, objectsFromCvatImage } from '../cvat/convert';
import { readCvatXml, writeCvatXml } from '../cvat/cvatXml';
import { NUCLEUS_LABEL } from '../objects';
import type { CollectionFormat } from './types';

/** CVAT for images 1.1 XML: polygons of any number of images, named inside the file. */
export const cvatXml: CollectionFormat = {
  id: 'cvat',
  label: 'CVAT for images 1.1 XML (polygons)',
  mime: 'application/xml',
  scope: 'collection',
  extension: '.xml',
  options: [],
  encode(images) {
    const cvatImages = images.map((image, id) => cvatImageFromObjects({ id, name: image.name, width: image.width, height: image.height, subset: image.split }, image.objects));
    return {
      bytes: new TextEncoder().encode(writeCvatXml(cvatImages, { labels: [NUCLEUS_LABEL] })),
      reports: images.map((image) => ({ image: image.name, objects: image.objects.length, overlapPixels: 0, emptyObjects: [], warnings: [] })),
    };
  },
  decode(fileName, bytes) {
    const annotations = readCvatXml(fileName, bytes);
    return {
      images: annotations.images.map((image) => ({ name: image.name, width: image.width, height: image.height, objects: objectsFromCvatImage(image) })),
      skipped: annotations.skipped,
      droppedOutlines: annotations.droppedOutlines,
    };
  },
};
