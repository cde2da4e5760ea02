/**
 * Pixel-exact overlaps between two label images of the same size (0 background, objects by
 * their label values): the areas of every object and the intersection of every pair that
 * shares pixels. Everything in metrics/ is computed from this table.
 */

export interface OverlapPair {
  /** Label value in the reference image. */
  truth: number;
  /** Label value in the candidate image. */
  candidate: number;
  /** Shared pixels. */
  intersection: number;
  /** intersection / union, in (0, 1]. */
  iou: number;
}

export interface Overlaps {
  /** Pixels per label value of the reference, index = label (index 0: background pixels). */
  truthAreas: Uint32Array;
  candidateAreas: Uint32Array;
  /** Every pair with at least one shared pixel, ordered by truth label, then candidate label. */
  pairs: OverlapPair[];
}

/** Label values in use (area > 0), ascending. */
export function objectLabels(areas: Uint32Array): number[] {
  const labels: number[] = [];
  for (let k = 1; k < areas.length; k++) if (areas[k] > 0) labels.push(k);
  return labels;
}

/** Counts areas and pairwise intersections. Throws when the two images differ in length. */
export function overlapTable(truth: Uint32Array, candidate: Uint32Array): Overlaps {
  if (truth.length !== candidate.length) throw new Error(`label images differ in size (${truth.length} vs ${candidate.length} pixels)`);
  const truthAreas = areas(truth), candidateAreas = areas(candidate);
  const stride = candidateAreas.length;
  const shared = new Map<number, number>(); // truth * stride + candidate -> pixels
  for (let p = 0; p < truth.length; p++) {
    const t = truth[p], c = candidate[p];
    if (t === 0 || c === 0) continue;
    const key = t * stride + c;
    shared.set(key, (shared.get(key) ?? 0) + 1);
  }
  const pairs = [...shared].sort((a, b) => a[0] - b[0]).map(([key, intersection]) => {
    const t = Math.floor(key / stride), c = key % stride;
    return { truth: t, candidate: c, intersection, iou: intersection / (truthAreas[t] + candidateAreas[c] - intersection) };
  });
  return { truthAreas, candidateAreas, pairs };
}

function areas(labels: Uint32Array): Uint32Array {
  let max = 0;
  for (let p = 0; p < labels.length; p++) if (labels[p] > max) max = labels[p];
  const counts = new Uint32Array(max + 1);
  for (let p = 0; p < labels.length; p++) counts[labels[p]]++;
  return counts;
}
