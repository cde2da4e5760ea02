/**
 * Two sets of objects on one image compared pixel-exactly: both rasterized by the export's
 * pixel rule, then matched one-to-one (matching.ts). For the app's comparison layer: which
 * reference objects were found (and with what IoU), which were missed, which candidates are extra.
 */
import { rasterizeShapes, type Shape } from '../mask/rasterize';
import { matchPairs } from './matching';
import { objectLabels, overlapTable } from './overlaps';
import { countMatches, type MatchCounts } from './scores';

export interface ShapeComparison {
  threshold: number;
  /** Indices into the reference and candidate lists. */
  matched: Array<{ reference: number; candidate: number; iou: number }>;
  /** Reference objects with pixels that no candidate matches (FN). */
  missed: number[];
  /** Candidates with pixels that match no reference object (FP). */
  extra: number[];
  /** Counts at every standard threshold, for the figures. */
  counts: MatchCounts;
  /** Pixels of each object with any, on either side (for histograms of object size). */
  areas: { reference: number[]; candidate: number[] };
}

const areasOf = (areas: Uint32Array) => objectLabels(areas).map((label) => areas[label]);

export function compareShapes(reference: readonly Shape[], candidate: readonly Shape[], width: number, height: number, threshold = 0.5): ShapeComparison {
  // rasterizeShapes labels object i as i + 1.
  const overlaps = overlapTable(rasterizeShapes(reference, width, height).labels, rasterizeShapes(candidate, width, height).labels);
  const pairs = matchPairs(overlaps, threshold);
  const matchedReference = new Set(pairs.map((pair) => pair.truth)), matchedCandidate = new Set(pairs.map((pair) => pair.candidate));
  return {
    threshold,
    matched: pairs.map((pair) => ({ reference: pair.truth - 1, candidate: pair.candidate - 1, iou: pair.iou })),
    missed: objectLabels(overlaps.truthAreas).filter((label) => !matchedReference.has(label)).map((label) => label - 1),
    extra: objectLabels(overlaps.candidateAreas).filter((label) => !matchedCandidate.has(label)).map((label) => label - 1),
    counts: countMatches(overlaps),
    areas: { reference: areasOf(overlaps.truthAreas), candidate: areasOf(overlaps.candidateAreas) },
  };
}
