/**
 * Instance label images as the segmenters return them, and the clean-up they share.
 */

/** Objects found in an image: a label image plus per-object facts. */
export interface Instances {
  width: number;
  height: number;
  /** Per pixel (row-major): 0 background, else 1..count; each object one 4-connected piece. */
  labels: Uint32Array;
  count: number;
  /** areas[k - 1]: pixels of object k. */
  areas: Uint32Array;
  /**
   * confidence[k - 1] in [0, 1]: for the model, the mean foreground probability over the
   * object's pixels; for the classical pipeline, which has no score, 1.
   */
  confidence: Float32Array;
}

/**
 * Renumbers `labels` in place to 1..count in raster order of each object's first pixel,
 * removing (to 0) objects under `minArea` pixels. Returns the count and the new areas.
 */
export function compactLabels(labels: Uint32Array, minArea: number): { count: number; areas: Uint32Array } {
  let max = 0;
  for (let p = 0; p < labels.length; p++) if (labels[p] > max) max = labels[p];
  const area = new Uint32Array(max + 1);
  for (let p = 0; p < labels.length; p++) area[labels[p]]++;
  const renumber = new Uint32Array(max + 1);
  const areas: number[] = [];
  for (let p = 0; p < labels.length; p++) {
    const old = labels[p];
    if (old === 0) continue;
    if (renumber[old] === 0 && area[old] >= minArea) {
      areas.push(area[old]);
      renumber[old] = areas.length;
    }
    labels[p] = renumber[old];
  }
  return { count: areas.length, areas: Uint32Array.from(areas) };
}

/** Mean of `values` over each object's pixels: result[k - 1] for object k. */
export function meanPerObject(labels: Uint32Array, count: number, values: Float32Array): Float32Array {
  const sums = new Float64Array(count + 1), counts = new Uint32Array(count + 1);
  for (let p = 0; p < labels.length; p++) {
    const k = labels[p];
    if (k) (sums[k] += values[p]), counts[k]++;
  }
  return Float32Array.from({ length: count }, (_, i) => (counts[i + 1] ? sums[i + 1] / counts[i + 1] : 0));
}
