/**
 * The annotation file formats the app reads and writes, each one record (one file per format,
 * listed in registry.ts). The export dialog, the workers and the CLI all work from that list.
 * Coordinates are image pixels as everywhere ((0,0) = top-left corner of the top-left pixel).
 */
import type { DroppedOutlines } from '../cvat/outline';
import type { Ring } from '../objects';

/** An object as a file carries it: geometry, stacking (1..N bottom to top) and what else the format keeps. */
export interface InterchangeObject {
  rings: readonly Ring[];
  z: number;
  label?: string;
  note?: string;
}

/** One image's objects, to write. */
export interface InterchangeImage {
  /** The image's file name ("a.png", or with folders); names and seeds the output. */
  name: string;
  width: number;
  height: number;
  /** "train", "dev", …; formats with subsets write it. */
  split?: string;
  objects: readonly InterchangeObject[];
}

/** What writing one image's objects did. */
export interface ImageReport {
  image: string;
  objects: number;
  /** Pixels covered by more than one object (mask formats; 0 for polygon formats). */
  overlapPixels: number;
  /** Indices into the image's objects of those left without a pixel. */
  emptyObjects: number[];
  warnings: string[];
}

export interface Encoded {
  bytes: Uint8Array;
  reports: ImageReport[];
}

/** An image's objects as read from a file; `name` null when the file names no image (a mask file: it is found by the file's name). */
export interface DecodedImage {
  name: string | null;
  width: number;
  height: number;
  objects: InterchangeObject[];
}

export interface Decoded {
  images: DecodedImage[];
  /** Shapes of the file that are not objects here, by kind (e.g. { box: 3 }). */
  skipped: Record<string, number>;
  /** Outlines of the file left out as unusable, by why (formats of outlines: CVAT XML). */
  droppedOutlines?: DroppedOutlines;
}

/** A choice the format offers (e.g. the colour scheme of `_objects.png`); the first value is the default. */
export interface FormatOption {
  id: string;
  label: string;
  choices: ReadonlyArray<{ value: string; label: string }>;
}

export type FormatOptions = Readonly<Record<string, string>>;

interface FormatBase {
  id: string;
  /** For the export dialog. */
  label: string;
  mime: string;
  options: readonly FormatOption[];
}

/** A file per image, named after it by suffix ("a.png" → "a_objects.png"): masks and label images. */
export interface ImageFileFormat extends FormatBase {
  scope: 'image';
  /** Names this format's files end with, lower case; the first is the one written. */
  suffixes: readonly string[];
  encode?(image: InterchangeImage, options: FormatOptions): Encoded;
  /**
   * `expected`: the size of the image the file belongs to, when known (a file of another size is
   * refused); `force`: read a file that looks like a picture rather than a mask anyway.
   */
  decode?(fileName: string, bytes: Uint8Array, expected?: { width: number; height: number }, force?: boolean): Decoded;
}

/** One file for any number of images (CVAT XML): images inside are named. */
export interface CollectionFormat extends FormatBase {
  scope: 'collection';
  /** Lower case, with the dot. */
  extension: string;
  encode?(images: readonly InterchangeImage[], options: FormatOptions): Encoded;
  decode?(fileName: string, bytes: Uint8Array): Decoded;
}

export type AnnotationFormat = ImageFileFormat | CollectionFormat;
