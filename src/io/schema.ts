import type { DBSchema } from 'idb';
import type { CellomicsName } from '../core/cellomics';
import type { AnnotationObject } from '../core/objects';
import type { ImageStatus, Role } from '../core/review/status';
import type { ReviewIssue } from '../core/review/issues';
import type { DisplaySettings } from '../core/display';
import type { Channels, Raster16, Raster8 } from '../core/raster';
import type { PreparedImage } from '../core/intake';

export const DB_NAME = 'nuclei-annotator';

/** One image's metadata: small, read all at once to list the project. */
export interface ImageRecord {
  id: string;
  name: string;
  format: PreparedImage['format'];
  width: number;
  height: number;
  channels: Channels;
  sourceBitDepth: 8 | 16;
  /** Window of the dataset's normalization on original values; null for 8-bit sources. */
  normalization: { low: number; high: number } | null;
  cellomics: CellomicsName | null;
  thumbnail: Raster8;
  /** Position in the image list (ascending). */
  order: number;
  addedAt: number;
  /** Generated demo image, removable in one step. */
  demo: boolean;
  display: DisplaySettings;
  /** Objects annotated on the image (kept with every save of its objects). */
  objectCount: number;
  /** Dataset split from the folder it came from ("train", "dev", "test", …); absent: none. */
  split?: string;
  /** Review status, and every change of it (who, in which role, when). */
  status: ImageStatus;
  statusHistory: StatusChange[];
}

export interface StatusChange {
  status: ImageStatus;
  by: string;
  role: Role;
  at: number;
}

/** The objects of an image as submitted for review, to compare later corrections with. */
export interface SnapshotRecord {
  imageId: string;
  submittedAt: number;
  submittedBy: string;
  objects: AnnotationObject[];
}

/** A review issue on an image: a point or an object, a kind, a comment thread, open or resolved. */
export type IssueRecord = ReviewIssue;

/** Pixel data of one image, read only when it is opened. */
export interface PixelsRecord {
  id: string;
  display: Raster8;
  original: Raster16 | null;
}

/** The file exactly as the user brought it in (absent for generated demo images). */
export interface SourceRecord {
  id: string;
  name: string;
  blob: Blob;
}

/** One annotated object of one image. */
export interface ObjectRecord extends AnnotationObject {
  imageId: string;
}

/**
 * The image's current `_objects.png` (random colours), kept beside its polygons and recomputed
 * in the background after changes; the polygons stay the source of truth.
 */
export interface MaskRecord {
  imageId: string;
  /** The encoded PNG. */
  bytes: Uint8Array;
  objectCount: number;
  overlapPixels: number;
  emptyObjects: number;
  warnings: string[];
  /** Time of the newest object change it reflects (0 for an image without objects). */
  objectsUpdatedAt: number;
}

export interface MetaRecord {
  key: string;
  value: unknown;
}

/**
 * Persisted schema. Version history (each step is a migration in `migrations.ts`):
 * 1 — stores images, pixels, sources, meta.
 * 2 — store objects (key [imageId, id], index imageId); images gain objectCount.
 * 3 — store masks (key imageId); images may carry a split.
 * 4 — stores snapshots (key [imageId, submittedAt]) and issues (key id, index imageId); images
 *     gain status and statusHistory.
 */
export interface AnnotatorDB extends DBSchema {
  images: { key: string; value: ImageRecord; indexes: { order: number } };
  pixels: { key: string; value: PixelsRecord };
  sources: { key: string; value: SourceRecord };
  meta: { key: string; value: MetaRecord };
  objects: { key: [string, string]; value: ObjectRecord; indexes: { imageId: string } };
  masks: { key: string; value: MaskRecord };
  snapshots: { key: [string, number]; value: SnapshotRecord };
  issues: { key: string; value: IssueRecord; indexes: { imageId: string } };
}
