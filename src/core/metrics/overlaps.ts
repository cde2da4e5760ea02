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
  let truthMax = 0, candidateMax = 0;
  for (let p = 0; p < truth.length; p++) {
    if (truth[p] > truthMax) truthMax = truth[p];
    if (candidate[p] > candidateMax) candidateMax = candidate[p];
  }
  const truthAreas = new Uint32Array(truthMax + 1), candidateAreas = new Uint32Array(candidateMax + 1);
  const stride = candidateMax + 1;
  const shared = new Map<number, number>(); // truth * stride + candidate -> pixels
  // One pass for areas and intersections. Neighbouring pixels mostly share their pair: count
  // runs, and touch the map once per run.
  let runKey = -1, run = 0;
  for (let p = 0; p < truth.length; p++) {
    const t = truth[p], c = candidate[p];
    truthAreas[t]++;
    candidateAreas[c]++;
    const key = t === 0 || c === 0 ? -1 : t * stride + c;
    if (key === runKey) {
      run++;
      continue;
    }
    if (runKey >= 0) shared.set(runKey, (shared.get(runKey) ?? 0) + run);
    runKey = key;
    run = 1;
  }
  if (runKey >= 0) shared.set(runKey, (shared.get(runKey) ?? 0) + run);
  const pairs = [...shared].sort((a, b) => a[0] - b[0]).map(([key, intersection]) => {
    const t = Math.floor(key / stride), c = key % stride;
    return { truth: t, candidate: c, intersection, iou: intersection / (truthAreas[t] + candidateAreas[c] - intersection) };
  });
  return { truthAreas, candidateAreas, pairs };
}
