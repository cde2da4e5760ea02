import type { DBSchema } from 'idb';
import type { AnnotationObject } from '../core/objects';
import type { ImageRecord, Proposal, ReferenceLayer, SnapshotRecord } from '../core/project';
import type { ReviewIssue } from '../core/review/issues';
import type { Raster16, Raster8 } from '../core/raster';
import type { Pyramid, TileSamples } from '../core/tiles';

export const DB_NAME = 'nuclei-annotator';

/** A review issue on an image: a point or an object, a kind, a comment thread, open or resolved. */
export type IssueRecord = ReviewIssue;

/**
 * Pixel data of one image, read only when it is opened: the rasters themselves, or for an
 * image too large for one canvas its tile pyramid's layout (tiles in the store `tiles`) and the
 * histogram of its samples.
 */
export type PixelsRecord = WholePixels | TiledPixels;

export interface WholePixels {
  id: string;
  display: Raster8;
  original: Raster16 | null;
  tiled?: undefined;
}

export interface TiledPixels {
  id: string;
  tiled: Pyramid;
  /** Level-0 samples per value (256 or 65536 bins). */
  histogram: Uint32Array;
  display?: undefined;
  original?: undefined;
}

/** One tile of a tiled image (core/tiles.ts): `level`, `index` = row · columns + column. */
export interface TileRecord {
  imageId: string;
  level: number;
  index: number;
  data: TileSamples;
}

/** A raster as stored: large sample data as a Blob (see io/db.ts, storedRaster). */
export type StoredRaster<R extends Raster8 | Raster16> = Omit<R, 'data'> & { data: R['data'] | Blob };

export type StoredPixels =
  | {
      id: string;
      display: StoredRaster<Raster8>;
      original: StoredRaster<Raster16> | null;
      tiled?: undefined;
    }
  | TiledPixels;

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
 * 7 — store tiles (key [imageId, level, index]): the tile pyramids of images too large for one
 *     canvas, whose pixels records then hold the pyramid's layout instead of rasters.
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
  tiles: { key: [string, number, number]; value: TileRecord };
}
