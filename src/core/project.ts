/**
 * The project's domain records: what an image is, its review history and its submissions.
 * Storage (io/schema.ts), the store, the workers and the UI all use these one definitions.
 */
import type { CellomicsName } from './cellomics';
import type { DisplaySettings } from './display';
import type { PreparedImage } from './intake';
import type { AnnotationObject, Ring } from './objects';
import type { Channels, Raster8 } from './raster';
import type { ImageStatus, Role } from './review/status';

/** One image's metadata: small, read all at once to list the project. */
export interface ImageRecord {
  id: string;
  name: string;
  /**
   * SHA-256 (hex) of the original file, or of the generated pixels for demo images: the image's
   * identity across browsers (bundles, sync). Absent on images stored before it existed;
   * `io/contentHash.ts` computes those when first needed.
   */
  contentHash?: string;
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
  /** Milliseconds since the epoch. */
  at: number;
}

/** The objects of an image as submitted for review, to compare later corrections with. */
export interface SnapshotRecord {
  imageId: string;
  submittedAt: number;
  submittedBy: string;
  objects: AnnotationObject[];
}

/**
 * A read-only set of objects shown beside an image's own (another annotator's mask, a model's
 * output, a CVAT file): drawn distinctly, never exported or counted as the image's objects.
 */
export interface ReferenceLayer {
  imageId: string;
  id: string;
  /** Where it came from, as the user knows it (a file name). */
  name: string;
  /** Image-pixel rings and stacking order, as the file gave them. */
  objects: Array<{ rings: Ring[]; z: number }>;
  /** Milliseconds since the epoch. */
  addedAt: number;
}

/** An object the nucleus model (or the classical pipeline) proposes: not the image's until accepted. */
export interface Proposal {
  imageId: string;
  id: string;
  rings: Ring[];
  /** Pixels. */
  area: number;
  /** The detector's confidence in [0, 1] (the classical pipeline gives 1). */
  confidence: number;
  method: 'model' | 'classical';
}
