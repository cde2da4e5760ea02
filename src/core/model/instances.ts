/**
 * From the network's maps to objects: the cores where the distance map is high seed a
 * watershed that floods the foreground downhill on the distance map, so touching nuclei split
 * along the valley between their peaks; foreground pieces no seed reaches (too small or too
 * flat to have a core) become objects of their own, which keeps micronuclei and fragments.
 * Two seeded regions whose shared border stays high on the distance map (the saddle between
 * their peaks is shallow) are one object whose distance map has two bumps (an elongated or
 * lobed nucleus) and are merged: touching nuclei meet where the distance falls to near 0.
 */
import { connectedComponents } from '../segment/components';
import { compactLabels, meanPerObject, type Instances } from '../segment/labels';
import { seededWatershed } from '../segment/watershed';
import type { ModelMaps } from './runtime';

export interface LabelParams {
  /** Foreground probability above which a pixel belongs to an object. */
  foregroundThreshold: number;
  /** Normalized distance above which a foreground pixel belongs to its object's core (seed). */
  seedThreshold: number;
  /** Objects with fewer pixels are dropped. */
  minArea: number;
  /**
   * Two adjacent seeded regions merge when the saddle between them (the highest distance along
   * their shared border, the lower side of each border pixel pair) is at least this share of the
   * lower of their two peaks; values above 1 never merge.
   */
  mergeRatio: number;
  /**
   * Objects whose mean foreground probability is below this are dropped: on dev, the spurious
   * specks the network half believes in are dimmer than the true micronuclei it finds.
   */
  minConfidence: number;
}

/** Chosen on the dev split (docs/MODEL.md), never on test. */
export const DEFAULT_LABEL_PARAMS: LabelParams = { foregroundThreshold: 0.4, seedThreshold: 0.6, minArea: 12, mergeRatio: 0.7, minConfidence: 0.75 };

/** Labels the objects of stitched maps; confidence is each object's mean foreground probability. */
export function labelInstances(maps: ModelMaps, params: Partial<LabelParams> = {}): Instances {
  const { foregroundThreshold, seedThreshold, minArea, mergeRatio, minConfidence } = { ...DEFAULT_LABEL_PARAMS, ...params };
  const { width, height, foreground, distance } = maps;
  const n = width * height;
  const mask = new Uint8Array(n), cores = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    if (foreground[p] <= foregroundThreshold) continue;
    mask[p] = 1;
    if (distance[p] > seedThreshold) cores[p] = 1;
  }
  const seeds = connectedComponents(cores, width, height);
  const labels = seededWatershed(distance, seeds.labels, mask, width, height);
  mergeShallowSaddles(labels, seeds.count, distance, width, height, mergeRatio);
  const rest = new Uint8Array(n);
  for (let p = 0; p < n; p++) if (mask[p] && !labels[p]) rest[p] = 1;
  const unseeded = connectedComponents(rest, width, height);
  for (let p = 0; p < n; p++) if (unseeded.labels[p]) labels[p] = seeds.count + unseeded.labels[p];
  let { count, areas } = compactLabels(labels, minArea);
  let confidence = meanPerObject(labels, count, foreground);
  if (confidence.some((c) => c < minConfidence)) {
    for (let p = 0; p < n; p++) if (labels[p] && confidence[labels[p] - 1] < minConfidence) labels[p] = 0;
    ({ count, areas } = compactLabels(labels, minArea));
    confidence = meanPerObject(labels, count, foreground);
  }
  return { width, height, labels, count, areas, confidence };
}

/**
 * Merges, in place, adjacent regions of `labels` (1..count) whose saddle is at least `ratio`
 * times the lower peak, highest saddles first (a merged region keeps the higher peak).
 */
function mergeShallowSaddles(labels: Uint32Array, count: number, distance: Float32Array, width: number, height: number, ratio: number): void {
  if (ratio > 1 || count < 2) return;
  const peak = new Float32Array(count + 1);
  for (let p = 0; p < labels.length; p++) if (labels[p] && distance[p] > peak[labels[p]]) peak[labels[p]] = distance[p];
  const saddles = new Map<number, number>(); // a * (count + 1) + b, a < b -> saddle height
  const border = (p: number, q: number) => {
    const a = labels[p], b = labels[q];
    if (!a || !b || a === b) return;
    const key = a < b ? a * (count + 1) + b : b * (count + 1) + a;
    const s = Math.min(distance[p], distance[q]);
    if (s > (saddles.get(key) ?? -1)) saddles.set(key, s);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      if (x + 1 < width) border(p, p + 1);
      if (y + 1 < height) border(p, p + width);
    }
  }
  if (saddles.size === 0) return;
  const parent = Uint32Array.from({ length: count + 1 }, (_, i) => i);
  const find = (k: number): number => {
    while (parent[k] !== k) k = parent[k] = parent[parent[k]];
    return k;
  };
  for (const [key, s] of [...saddles].sort((u, v) => v[1] - u[1])) {
    const a = find(Math.floor(key / (count + 1))), b = find(key % (count + 1));
    if (a === b || s < ratio * Math.min(peak[a], peak[b])) continue;
    const [keep, gone] = peak[a] >= peak[b] ? [a, b] : [b, a];
    parent[gone] = keep;
  }
  for (let p = 0; p < labels.length; p++) if (labels[p]) labels[p] = find(labels[p]);
}
