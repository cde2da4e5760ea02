/**
 * Instance-segmentation scores of a candidate label image against a reference one, per IoU
 * threshold, pooled over images by adding counts (not by averaging per-image ratios), as
 * StarDist's `matching_dataset` does. Ratios with a zero denominator are 0, as there.
 */
import { matchPairs } from './matching';
import { objectLabels, overlapTable, type Overlaps } from './overlaps';

/** 0.5, 0.55, …, 0.95. */
export const IOU_THRESHOLDS: readonly number[] = Array.from({ length: 10 }, (_, i) => Math.round((0.5 + 0.05 * i) * 100) / 100);

/** Reference objects with fewer pixels than this count as small (micronuclei, fragments). */
export const SMALL_AREA = 200;

export interface MatchOptions {
  thresholds?: readonly number[];
  /** Pixels; see SMALL_AREA. */
  smallArea?: number;
}

/** Counts at one threshold; additive over images. */
export interface ThresholdCounts {
  threshold: number;
  tp: number;
  fp: number;
  fn: number;
  /** Sum of the IoUs of the matched pairs. */
  matchedIouSum: number;
  /** Matched reference objects under the small-area limit, and the sum of their pairs' IoUs. */
  smallTp: number;
  smallMatchedIouSum: number;
  /**
   * Unmatched candidates under the small-area limit. Small objects are scored as COCO scores an
   * area range: the reference's small objects, matched within the whole sets; a candidate
   * counts against them only when it is small itself and matched to nothing.
   */
  smallFp: number;
}

/** One image's (or, after poolCounts, several images') counts. */
export interface MatchCounts {
  truthObjects: number;
  candidateObjects: number;
  /** Reference objects under the small-area limit. */
  smallTruthObjects: number;
  /** Candidate objects under the small-area limit. */
  smallCandidateObjects: number;
  /** Reference objects of which two or more candidates each have over half their pixels. */
  splits: number;
  /** Candidates holding over half the pixels of each of two or more reference objects. */
  merges: number;
  perThreshold: ThresholdCounts[];
}

export interface ThresholdScores extends ThresholdCounts {
  precision: number;
  recall: number;
  f1: number;
  /** TP / (TP + FP + FN). */
  accuracy: number;
  /** Mean IoU of the matched pairs. */
  meanMatchedIou: number;
  /** Share of small reference objects matched. */
  smallRecall: number;
}

/** Matches one candidate label image against a reference of the same size. */
export function matchLabels(truth: Uint32Array, candidate: Uint32Array, options: MatchOptions = {}): MatchCounts {
  return countMatches(overlapTable(truth, candidate), options);
}

/** As matchLabels, from an overlap table already computed. */
export function countMatches(overlaps: Overlaps, { thresholds = IOU_THRESHOLDS, smallArea = SMALL_AREA }: MatchOptions = {}): MatchCounts {
  const truthLabels = objectLabels(overlaps.truthAreas), candidateLabels = objectLabels(overlaps.candidateAreas);
  const isSmall = (label: number) => overlaps.truthAreas[label] < smallArea;
  const isSmallCandidate = (label: number) => overlaps.candidateAreas[label] < smallArea;
  const smallCandidateObjects = candidateLabels.filter(isSmallCandidate).length;
  const perThreshold = thresholds.map((threshold) => {
    const pairs = matchPairs(overlaps, threshold);
    return {
      threshold,
      tp: pairs.length,
      fp: candidateLabels.length - pairs.length,
      fn: truthLabels.length - pairs.length,
      matchedIouSum: pairs.reduce((sum, pair) => sum + pair.iou, 0),
      smallTp: pairs.filter((pair) => isSmall(pair.truth)).length,
      smallMatchedIouSum: pairs.filter((pair) => isSmall(pair.truth)).reduce((sum, pair) => sum + pair.iou, 0),
      smallFp: smallCandidateObjects - pairs.filter((pair) => isSmallCandidate(pair.candidate)).length,
    };
  });
  const candidatesInTruth = new Map<number, number>(), truthsInCandidate = new Map<number, number>();
  for (const { truth, candidate, intersection } of overlaps.pairs) {
    if (2 * intersection > overlaps.candidateAreas[candidate]) candidatesInTruth.set(truth, (candidatesInTruth.get(truth) ?? 0) + 1);
    if (2 * intersection > overlaps.truthAreas[truth]) truthsInCandidate.set(candidate, (truthsInCandidate.get(candidate) ?? 0) + 1);
  }
  const atLeastTwo = (counts: Map<number, number>) => [...counts.values()].filter((n) => n >= 2).length;
  return {
    truthObjects: truthLabels.length,
    candidateObjects: candidateLabels.length,
    smallTruthObjects: truthLabels.filter(isSmall).length,
    smallCandidateObjects,
    splits: atLeastTwo(candidatesInTruth),
    merges: atLeastTwo(truthsInCandidate),
    perThreshold,
  };
}

/** Adds the counts of several images (all matched with the same thresholds). */
export function poolCounts(images: readonly MatchCounts[]): MatchCounts {
  if (images.length === 0) throw new Error('poolCounts needs at least one image');
  const add = (key: 'truthObjects' | 'candidateObjects' | 'smallTruthObjects' | 'smallCandidateObjects' | 'splits' | 'merges') => images.reduce((sum, m) => sum + m[key], 0);
  return {
    truthObjects: add('truthObjects'),
    candidateObjects: add('candidateObjects'),
    smallTruthObjects: add('smallTruthObjects'),
    smallCandidateObjects: add('smallCandidateObjects'),
    splits: add('splits'),
    merges: add('merges'),
    perThreshold: images[0].perThreshold.map((first, i) => {
      const sum = (key: Exclude<keyof ThresholdCounts, 'threshold'>) => images.reduce((total, m) => total + m.perThreshold[i][key], 0);
      return {
        threshold: first.threshold,
        tp: sum('tp'),
        fp: sum('fp'),
        fn: sum('fn'),
        matchedIouSum: sum('matchedIouSum'),
        smallTp: sum('smallTp'),
        smallMatchedIouSum: sum('smallMatchedIouSum'),
        smallFp: sum('smallFp'),
      };
    }),
  };
}

/** a / b, or 0 when b is 0 (as StarDist reports an empty comparison). */
export const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

/** Precision, recall, F1 and accuracy TP / (TP + FP + FN) from counts. */
export function ratios(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number; accuracy: number } {
  return { precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), f1: ratio(2 * tp, 2 * tp + fp + fn), accuracy: ratio(tp, tp + fp + fn) };
}

/** Precision, recall, F1, accuracy, mean matched IoU and small-object recall per threshold. */
export function scores(counts: MatchCounts): ThresholdScores[] {
  return counts.perThreshold.map((c) => ({
    ...c,
    ...ratios(c.tp, c.fp, c.fn),
    meanMatchedIou: ratio(c.matchedIouSum, c.tp),
    smallRecall: ratio(c.smallTp, counts.smallTruthObjects),
  }));
}

/** The scores at `threshold` (one of those matched with); throws when it was not. */
export function scoresAt(all: readonly ThresholdScores[], threshold: number): ThresholdScores {
  const found = all.find((s) => Math.abs(s.threshold - threshold) < 1e-9);
  if (!found) throw new Error(`no scores at IoU threshold ${threshold}`);
  return found;
}
