/**
 * A whole project's masks as one ZIP, streamed: `<split>/<image base name>_objects.png` (or the
 * chosen format's name), optionally with each image beside its mask as `<split>/<image name>`;
 * or laid out for training Cellpose or StarDist (interchange/datasetLayouts.ts). Images without
 * a split go to `all/`. One image is rasterized, encoded and handed on at a time, so memory
 * holds one image's data however large the project.
 */
import { layoutById, layoutImage, type DatasetLayoutId } from '../interchange/datasetLayouts';
import { imageFormatById } from '../interchange/registry';
import type { FormatOptions, ImageFileFormat, ImageReport, InterchangeObject } from '../interchange/types';
import { portableFileName } from '../paths';
import { createZipStream } from '../zip';

export interface DatasetImage {
  /** The image's file name, e.g. "MFGTMPcx7_170702000001_B14f07d0.png". */
  name: string;
  /** "train", "dev", "test", …; missing or empty: "all". */
  split?: string;
  width: number;
  height: number;
  objects: readonly InterchangeObject[];
  /** The image file itself, to include next to its mask. */
  image?: Uint8Array;
}

export interface DatasetZipOptions {
  /** How each image's files are named and placed; default 'annotator'. */
  layout?: DatasetLayoutId;
  /** The mask format, with its options (e.g. the colour scheme of `_objects.png`); a training layout writes its own. */
  format: ImageFileFormat;
  formatOptions: FormatOptions;
  /** Entry times; default now. */
  mtime?: Date;
  /** More files for the archive's top level (e.g. review records), written after the masks. */
  extraFiles?: () => Promise<Array<{ path: string; bytes: Uint8Array }>>;
}

/** What went into the archive for one image: its mask's path and the export's report. */
export interface DatasetZipEntry extends ImageReport {
  path: string;
}

/**
 * Streams the archive through `onChunk` (see createZipStream) and returns what went into it.
 * `images` may be produced lazily (an async generator reading one image at a time from storage).
 * Throws Error when two images would get the same path (same base name and split); the chunks
 * already emitted are then an incomplete archive, to be discarded.
 */
export async function writeDatasetZip(
  images: Iterable<DatasetImage> | AsyncIterable<DatasetImage>,
  onChunk: (chunk: Uint8Array, final: boolean) => void,
  options: DatasetZipOptions,
): Promise<DatasetZipEntry[]> {
  const layout = layoutById(options.layout ?? 'annotator');
  const format = layout.maskFormat ? imageFormatById(layout.maskFormat) : options.format;
  if (!format.encode) throw new Error(`${format.label} cannot be written`);
  const zip = createZipStream(onChunk, { mtime: options.mtime });
  const entries: DatasetZipEntry[] = [];
  for await (const image of images) {
    const folder = portableFileName(image.split?.trim() || 'all');
    const path = `${folder}/${layout.maskPath(image.name, format)}`;
    const { bytes, reports } = format.encode(image, options.formatOptions);
    if (image.image) {
      const file = layoutImage(layout, image.name, image.image);
      zip.addFile(`${folder}/${file.path}`, file.bytes);
    }
    zip.addFile(path, bytes);
    entries.push({ ...reports[0], path });
  }
  for (const extra of (await options.extraFiles?.()) ?? []) zip.addFile(extra.path, extra.bytes, { compress: true });
  zip.finish();
  return entries;
}
