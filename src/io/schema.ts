import type { DBSchema } from 'idb';
import type { AnnotationObject } from '../core/objects';
import type { ImageRecord, Proposal, ReferenceLayer, SnapshotRecord } from '../core/project';
import type { ReviewIssue } from '../core/review/issues';
import type { Raster16, Raster8 } from '../core/raster';

export const DB_NAME = 'nuclei-annotator';

/** A review issue on an image: a point or an object, a kind, a comment thread, open or resolved. */
export type IssueRecord = ReviewIssue;

/** Pixel data of one image, read only when it is opened. */
export interface PixelsRecord {
  id: string;
  display: Raster8;
  original: Raster16 | null;
}

/** A raster as stored: large sample data as a Blob (see io/db.ts, storedRaster). */
export type StoredRaster<R extends Raster8 | Raster16> = Omit<R, 'data'> & { data: R['data'] | Blob };

export interface StoredPixels {
  id: string;
  display: StoredRaster<Raster8>;
  original: StoredRaster<Raster16> | null;
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
 * 5 — objects gain `version`; the store masks and the unused objects index imageId are removed.
 * 6 — stores layers (key [imageId, id]): reference layers shown beside an image's objects; and
 *     proposals (key [imageId, id]): objects the nucleus model proposes, until accepted or rejected.
 */
export interface AnnotatorDB extends DBSchema {
  images: { key: string; value: ImageRecord; indexes: { order: number } };
  pixels: { key: string; value: StoredPixels };
  sources: { key: string; value: SourceRecord };
  meta: { key: string; value: MetaRecord };
  objects: { key: [string, string]; value: ObjectRecord };
  snapshots: { key: [string, number]; value: SnapshotRecord };
  issues: { key: string; value: IssueRecord; indexes: { imageId: string } };
  layers: { key: [string, string]; value: ReferenceLayer };
  proposals: { key: [string, string]; value: Proposal };
}
