/**
 * From the network's maps to objects: the cores where the distance map is high seed a
 * watershed that floods the foreground downhill on the distance map, so touching nuclei split
 * along the valley between their peaks; foreground pieces no seed reaches (too small or too
 * flat to have a core) become objects of their own, which keeps micronuclei and fragments.
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
}

/** Chosen on the dev split (docs/MODEL.md), never on test. */
export const DEFAULT_LABEL_PARAMS: LabelParams = { foregroundThreshold: 0.4, seedThreshold: 0.5, minArea: 12 };

/** Labels the objects of stitched maps; confidence is each object's mean foreground probability. */
export function labelInstances(maps: ModelMaps, params: Partial<LabelParams> = {}): Instances {
  const { foregroundThreshold, seedThreshold, minArea } = { ...DEFAULT_LABEL_PARAMS, ...params };
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
  const rest = new Uint8Array(n);
  for (let p = 0; p < n; p++) if (mask[p] && !labels[p]) rest[p] = 1;
  const unseeded = connectedComponents(rest, width, height);
  for (let p = 0; p < n; p++) if (unseeded.labels[p]) labels[p] = seeds.count + unseeded.labels[p];
  const { count, areas } = compactLabels(labels, minArea);
  return { width, height, labels, count, areas, confidence: meanPerObject(labels, count, foreground) };
}
