/**
 * How a project ZIP (mask/datasetZip.ts) lays out each image's files inside its split's folder:
 * the app's own layout, or the training layouts of Cellpose and StarDist, which those tools read
 * as they are.
 *
 * - annotator: `<name>_objects.png` (or the chosen format's name), the image as it came.
 * - cellpose: `<name>.png` (its own format when Cellpose reads it: PNG, JPEG, TIFF; else TIFF) and
 *   `<name>_masks.tif`, as `cellpose --train --dir <split>` pairs them (its mask filter `_masks`).
 * - stardist: `images/<name>.tif` and `masks/<name>.tif`, one name for both, as StarDist's
 *   training notebooks list them (`sorted(glob('images/*.tif'))`); every image as TIFF.
 *
 * The training layouts' masks are 16-bit label TIFFs (0 background, object k = k-th in stacking
 * order), and their names share one portable stem so that the pairs hold on any system.
 */
import { decodeImage } from '../formats/decode';
import { writeTiff } from '../formats/tiffWriter';
import { baseName, fileNameOf, portableFileName } from '../paths';
import { exportFileName } from './registry';
import type { ImageFileFormat } from './types';

export type DatasetLayoutId = 'annotator' | 'cellpose' | 'stardist';

export interface DatasetLayout {
  id: DatasetLayoutId;
  /** For the export dialog, with the paths it writes. */
  label: string;
  /** The id of the mask format the layout's tool reads; null: the format chosen for the export. */
  maskFormat: string | null;
  /** A training set: every image goes in beside its mask. */
  withImages: boolean;
  /** Image extensions (lower case) the tool reads, kept as they are; others are written as TIFF. Null: any. */
  imageExtensions: readonly string[] | null;
  /** The image's path in its split's folder; `extension` (lower case, with the dot) is that of its bytes. */
  imagePath(imageName: string, extension: string): string;
  maskPath(imageName: string, format: ImageFileFormat): string;
}

/** The name both files of an image share in a training layout ("CON.png" → "_CON"). */
const stem = (imageName: string) => portableFileName(baseName(imageName));

export const DATASET_LAYOUTS: readonly DatasetLayout[] = [
  {
    id: 'annotator',
    label: "The app's own: <split>/<name> + the chosen format's mask file",
    maskFormat: null,
    withImages: false,
    imageExtensions: null,
    imagePath: (imageName) => portableFileName(fileNameOf(imageName)),
    maskPath: (imageName, format) => exportFileName(format, imageName),
  },
  {
    id: 'cellpose',
    label: 'Cellpose training: <split>/<name>.png + <name>_masks.tif',
    maskFormat: 'label16-tiff',
    withImages: true,
    imageExtensions: ['.png', '.jpg', '.jpeg', '.tif', '.tiff'],
    imagePath: (imageName, extension) => stem(imageName) + extension,
    maskPath: (imageName) => `${stem(imageName)}_masks.tif`,
  },
  {
    id: 'stardist',
    label: 'StarDist training: <split>/images/<name>.tif + masks/<name>.tif',
    maskFormat: 'label16-tiff',
    withImages: true,
    imageExtensions: ['.tif', '.tiff'],
    imagePath: (imageName) => `images/${stem(imageName)}.tif`,
    maskPath: (imageName) => `masks/${stem(imageName)}.tif`,
  },
];

export function layoutById(id: string): DatasetLayout {
  const layout = DATASET_LAYOUTS.find((candidate) => candidate.id === id);
  if (!layout) throw new Error(`unknown dataset layout "${id}" (layouts: ${DATASET_LAYOUTS.map((l) => l.id).join(', ')})`);
  return layout;
}

/**
 * One image's file as the layout puts it: its path in the split's folder and its bytes, as they
 * are or, when the layout's tool does not read its format, decoded and written as a TIFF of the
 * same samples (8 or 16 bits; grey, RGB or RGBA; Deflate). Throws FileFormatError for an image
 * that cannot be decoded.
 */
export function layoutImage(layout: DatasetLayout, imageName: string, bytes: Uint8Array): { path: string; bytes: Uint8Array } {
  const file = fileNameOf(imageName), dot = file.lastIndexOf('.');
  const extension = dot > 0 ? file.slice(dot).toLowerCase() : '';
  if (!layout.imageExtensions || layout.imageExtensions.includes(extension)) return { path: layout.imagePath(imageName, extension), bytes };
  const { raster } = decodeImage(imageName, bytes);
  const tiff = writeTiff({
    width: raster.width,
    height: raster.height,
    bits: raster.bitDepth,
    samplesPerPixel: raster.channels,
    photometric: raster.channels === 1 ? 1 : 2,
    extraSamples: raster.channels === 4 ? [2] : undefined,
    deflate: true,
    data: raster.data,
  });
  return { path: layout.imagePath(imageName, '.tif'), bytes: tiff };
}
