/**
 * The project bundle: one ZIP that holds a project (or some of its images) whole, to hand to
 * another browser or keep as a backup. Layout (version 1):
 *
 *   manifest.json            { format, version, createdAt, createdBy, images: ManifestImage[] }
 *   images/<n>/image.json    BundleImage: the record's portable fields, objects, submissions,
 *                            issues with their threads, reference layers
 *   images/<n>/original/<file name>  the original file exactly as brought in (stored, not
 *                            deflated), or images/<n>/pixels.png: a generated demo image's
 *                            pixels (its original 16-bit samples where it has them)
 *
 * Proposals are left out: they are the detector's output, made again from the image by the
 * model the app ships, and nobody's work until accepted (then they are objects). Meta records
 * (views, drafts, unresolved conflicts) are this browser's state, not the project's.
 */
import type { AnnotationObject } from '../objects';
import type { ImageRecord, ReferenceLayer, SnapshotRecord } from '../project';
import type { ReviewIssue } from '../review/issues';

export const BUNDLE_FORMAT = 'nuclei-annotator-bundle';
/** The version this app writes; `migrations.ts` brings older ones up to it. */
export const BUNDLE_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';

/** The image's file in the bundle: as brought in, or (demo images) its pixels as a PNG. */
export interface BundleSource {
  path: string;
  kind: 'original' | 'pixels-png';
  /** The original file's name. */
  name: string;
}

export interface ManifestImage {
  /** The image's record, objects and review: images/<n>/image.json (null: none, a version-0 image). */
  data: string | null;
  name: string;
  /** SHA-256 of the original file (of the pixels for demo images); null when the bundle does not know it (version 0). */
  contentHash: string | null;
  /** Null: the bundle holds no file of the image (a version-0 export without images). */
  source: BundleSource | null;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  version: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** The user name of whoever made it. */
  createdBy: string;
  /** The id of the browser's project it was made in (BundleImage.received is keyed by it). */
  createdIn: string;
  images: ManifestImage[];
}

/** What of an image record travels: everything but this browser's list order, object count and thumbnail. */
export const PORTABLE_FIELDS = [
  'id', 'name', 'contentHash', 'format', 'width', 'height', 'channels', 'sourceBitDepth', 'normalization',
  'cellomics', 'addedAt', 'demo', 'display', 'split', 'status', 'statusHistory',
] as const satisfies ReadonlyArray<keyof ImageRecord>;

export type PortableRecord = Pick<ImageRecord, (typeof PORTABLE_FIELDS)[number]>;

/**
 * One image of a bundle. A version-1 bundle has every portable field; one migrated from
 * version 0 only what the project ZIP held (the rest comes from decoding the file).
 */
export interface BundleImage {
  record: Pick<PortableRecord, 'name' | 'status' | 'statusHistory'> & Partial<PortableRecord>;
  objects: AnnotationObject[];
  submissions: Array<Omit<SnapshotRecord, 'imageId'>>;
  issues: Array<Omit<ReviewIssue, 'imageId'>>;
  layers: Array<Omit<ReferenceLayer, 'imageId'>>;
  /**
   * The object versions this project last received by bundle from each other browser (browser
   * id → object id → merge.ts versionKey). The receiver of this bundle looks up its own id: the
   * versions both sides had, the common base of a three-way merge.
   */
  received: Record<string, Record<string, string>>;
}

/** Everything stored for one image, as the export reads it from storage. */
export interface StoredImage {
  record: ImageRecord;
  objects: AnnotationObject[];
  submissions: SnapshotRecord[];
  issues: ReviewIssue[];
  layers: ReferenceLayer[];
  received: Record<string, Record<string, string>>;
}

/** The portable part of a stored image, without this browser's image ids inside. */
export function toBundleImage({ record, objects, submissions, issues, layers, received }: StoredImage): BundleImage {
  const portable = Object.fromEntries(PORTABLE_FIELDS.filter((key) => record[key] !== undefined).map((key) => [key, record[key]])) as PortableRecord;
  const strip = <T extends { imageId: string }>({ imageId: _image, ...rest }: T) => rest;
  return { record: portable, objects, submissions: submissions.map(strip), issues: issues.map(strip), layers: layers.map(strip), received };
}

/** The folder of the n-th image (0-based), padded so the entries list in order. */
export const imageFolder = (index: number) => `images/${String(index + 1).padStart(4, '0')}`;
