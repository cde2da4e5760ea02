/**
 * The figures users read, from match counts: per IoU threshold TP, FP, FN, precision, recall,
 * F1 and accuracy; the mean IoU of matched pairs (at the lowest threshold, where every match
 * counts); F1 and accuracy averaged over the thresholds; the same for small objects; split and
 * merge counts. One shape for the CLI's JSON, the app's table and its CSV.
 */
import { ratio, ratios, type MatchCounts, type ThresholdCounts } from './scores';

export interface ThresholdFigures {
  iou: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

export interface Figures {
  thresholds: ThresholdFigures[];
  meanMatchedIoU: number;
  meanF1: number;
  meanAccuracy: number;
}

export interface MetricsSummary extends Figures {
  referenceObjects: number;
  candidateObjects: number;
  splits: number;
  merges: number;
  /** The same figures for reference objects under the small-area limit (see ThresholdCounts.smallFp). */
  small: Figures;
}

const mean = (values: number[]) => ratio(values.reduce((sum, v) => sum + v, 0), values.length);

function figures(rows: Array<{ iou: number; tp: number; fp: number; fn: number; matchedIouSum: number }>): Figures {
  const thresholds = rows.map(({ iou, tp, fp, fn }) => ({ iou, tp, fp, fn, ...ratios(tp, fp, fn) }));
  const loosest = rows[0];
  return {
    thresholds,
    meanMatchedIoU: loosest ? ratio(loosest.matchedIouSum, loosest.tp) : 0,
    meanF1: mean(thresholds.map((t) => t.f1)),
    meanAccuracy: mean(thresholds.map((t) => t.accuracy)),
  };
}

export function summarize(counts: MatchCounts): MetricsSummary {
  const all = counts.perThreshold.map((c: ThresholdCounts) => ({ iou: c.threshold, tp: c.tp, fp: c.fp, fn: c.fn, matchedIouSum: c.matchedIouSum }));
  const small = counts.perThreshold.map((c) => ({ iou: c.threshold, tp: c.smallTp, fp: c.smallFp, fn: counts.smallTruthObjects - c.smallTp, matchedIouSum: c.smallMatchedIouSum }));
  return {
    referenceObjects: counts.truthObjects,
    candidateObjects: counts.candidateObjects,
    splits: counts.splits,
    merges: counts.merges,
    ...figures(all),
    small: figures(small),
  };
}
