import type { BundleImage, BundleManifest, BundleSource } from '../core/bundle/format';
import type { DatasetLayoutId } from '../core/interchange/datasetLayouts';
import type { DatasetZipEntry } from '../core/mask/datasetZip';
import type { Decoded, Encoded, FormatOptions, InterchangeImage } from '../core/interchange/types';
import type { MatchCounts } from '../core/metrics/scores';
import type { ZipIndexEntry } from '../core/zipReader';

/** Per image, the corrections since its last submission (null: never submitted). */
export type Corrections = Record<string, { added: number; removed: number; reshaped: number; pixelShare: number; f1: number; meanMatchedIoU: number } | null>;

/** What each image's objects are compared with: its reference layers of one name, or its last submission. */
export type ComparisonSource = { kind: 'layer'; name: string } | { kind: 'submission' };

/** Per compared image: its match counts and object areas; images without the source are listed apart. */
export interface ProjectComparison {
  images: Array<{ id: string; name: string; counts: MatchCounts; areas: { reference: number[]; candidate: number[] } }>;
  notCompared: string[];
}

/** Progress of a project export: archive bytes as they are made, and images done. */
export type ExportProgress = { chunk: Uint8Array } | { done: number; total: number; current: string };

/** Where a bundle image's file lies in the bundle: its data's byte range, stored (method 0) or deflated. */
export interface BundleSourceRef extends BundleSource {
  offset: number;
  length: number;
  method: 0 | 8;
  /** The entry's index record, to inflate it (bundle-entry) when it is deflated. */
  entry: ZipIndexEntry;
}

/** A bundle read and checked whole: its manifest (brought to the current version) and every image but the files. */
export interface ReadBundle {
  version: number;
  manifest: BundleManifest;
  images: BundleImage[];
  sources: Array<BundleSourceRef | null>;
}

/**
 * The masks worker's jobs: reading annotation files (masks, CVAT XML), writing them for one
 * image, the project exports read straight from storage, and the dashboard's corrections.
 * Formats are named by their registry id (core/interchange/registry.ts).
 */
export type MasksProtocol = {
  /** `expected`: the size of the image a per-image file belongs to. */
  decode: { body: { formatId: string; fileName: string; bytes: Uint8Array; expected?: { width: number; height: number }; force?: boolean }; result: Decoded };
  encode: { body: { formatId: string; options: FormatOptions; images: InterchangeImage[] }; result: Encoded };
  'project-zip': { body: { formatId: string; options: FormatOptions; layout: DatasetLayoutId; includeImages: boolean; onlyApproved: boolean }; result: DatasetZipEntry[]; progress: ExportProgress };
  /** One file of a collection format (CVAT XML) with every image of the project. */
  'project-file': { body: { formatId: string; options: FormatOptions; onlyApproved: boolean }; result: Encoded; progress: ExportProgress };
  /** A project bundle of the images (null: all), streamed as chunks; the manifest comes back. */
  'bundle-export': { body: { imageIds: string[] | null; createdBy: string }; result: BundleManifest; progress: ExportProgress };
  /** Reads a dropped ZIP as a bundle, checking all of it; null when it is not one. */
  'bundle-read': { body: { file: File; now: number }; result: ReadBundle | null; progress: { done: number; total: number; current: string } };
  /** One deflated entry of a bundle (an image file that was not stored as is). */
  'bundle-entry': { body: { file: File; entry: ZipIndexEntry; maxBytes: number }; result: Uint8Array };
  corrections: { body: null; result: Corrections; progress: { done: number; total: number } };
  compareProject: { body: { source: ComparisonSource }; result: ProjectComparison; progress: { done: number; total: number } };
  comparisonSources: { body: null; result: string[] };
};
