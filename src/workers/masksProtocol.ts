import type { DatasetLayoutId } from '../core/interchange/datasetLayouts';
import type { DatasetZipEntry } from '../core/mask/datasetZip';
import type { Decoded, Encoded, FormatOptions, InterchangeImage } from '../core/interchange/types';
import type { MatchCounts } from '../core/metrics/scores';

/** Per submitted image, the corrections since its last submission (images never submitted are absent). */
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
  corrections: { body: null; result: Corrections; progress: { done: number; total: number } };
  compareProject: { body: { source: ComparisonSource }; result: ProjectComparison; progress: { done: number; total: number } };
  comparisonSources: { body: null; result: string[] };
};
