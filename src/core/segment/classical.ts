/**
 * The classical nucleus segmentation, the fallback when no model runs and the reference the
 * model is benchmarked against: Gaussian smoothing, Otsu threshold, holes filled, distance
 * transform, one seed per distance peak, seeded watershed on the distance map (splits touching
 * round nuclei at their waist), then a rescue of small bright objects that the global threshold
 * misses (micronuclei next to bright nuclei) by a local-contrast test.
 */
import type { Raster8 } from '../raster';
import { connectedComponents, fillHoles } from './components';
import { distanceTransform } from './distance';
import { boxMean, gaussianBlur, maxFilter, otsuThreshold } from './filters';
import { greyValues, histogramPercentile } from './grey';
import { compactLabels, type Instances } from './labels';
import { seededWatershed } from './watershed';

export interface ClassicalParams {
  /** Gaussian smoothing before thresholding, pixels (standard deviation). */
  sigma: number;
  /** Otsu's threshold times this (< 1 keeps dim nuclei and the faint rims of bright ones). */
  thresholdScale: number;
  /** A seed is a distance-map maximum over the (2 r + 1)² square around it, r in pixels. */
  peakRadius: number;
  /**
   * Two neighbouring regions merge when the lower of their distance peaks rises less than this
   * (pixels) above the highest point of the line where they meet: a bump on one nucleus' outline
   * is no second nucleus; two round nuclei touching at a waist stay apart.
   */
  mergeDepth: number;
  /** Small-object rescue: smoothed value above the local mean (radius 15 px) by this, in grey levels; 0 turns it off. */
  rescueContrast: number;
  /** Largest rescued object, pixels. */
  rescueMaxArea: number;
  /**
   * Per-object refinement: pixels dimmer than this fraction of their object's median (smoothed)
   * value are dropped, since the annotators' outlines sit about there on nuclei of any
   * brightness, well inside a global threshold's outline on bright ones; 0 turns it off.
   */
  refineFraction: number;
  /** Objects with fewer pixels are dropped. */
  minArea: number;
}

/** Tuned on the train split (scripts/tune-classical.ts). */
export const DEFAULT_CLASSICAL_PARAMS: ClassicalParams = { sigma: 1, thresholdScale: 1.2, peakRadius: 7, mergeDepth: 2, rescueContrast: 0, rescueMaxArea: 200, refineFraction: 0.55, minArea: 8 };

/** Segments the nuclei of an 8-bit image (grey, or the mean of its colour channels). */
export function segmentClassical(image: Raster8, params: Partial<ClassicalParams> = {}): Instances {
  const p = { ...DEFAULT_CLASSICAL_PARAMS, ...params };
  const { width, height } = image;
  const n = width * height;
  const smooth = gaussianBlur(greyValues(image), width, height, p.sigma);
  const hist = new Uint32Array(256);
  for (let i = 0; i < n; i++) hist[Math.min(255, Math.round(smooth[i]))]++;
  const threshold = otsuThreshold(hist) * p.thresholdScale;
  const above = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (smooth[i] > threshold) above[i] = 1;
  const mask = fillHoles(above, width, height);
  const labels = splitTouching(mask, width, height, p.peakRadius, p.mergeDepth);
  if (p.rescueContrast > 0) rescueSmall(smooth, labels, width, height, p);
  if (p.refineFraction > 0) refineEdges(smooth, labels, p.refineFraction);
  const { count, areas } = compactLabels(labels, p.minArea);
  return { width, height, labels, count, areas, confidence: new Float32Array(count).fill(1) };
}

/** Watershed of the mask's distance map from its peaks: a label image over the mask. */
function splitTouching(mask: Uint8Array, width: number, height: number, peakRadius: number, mergeDepth: number): Uint32Array {
  const distance = distanceTransform(mask, width, height);
  const peaks = maxFilter(distance, width, height, peakRadius);
  const isPeak = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) if (mask[i] && distance[i] >= peaks[i]) isPeak[i] = 1;
  // A plateau of equal maxima (8-connected) is one seed, not several.
  const seeds = connectedComponents(isPeak, width, height, true);
  const labels = seededWatershed(distance, seeds.labels, mask, width, height);
  // Seeds joined only through a corner split a mask piece there; pixels no seed reached
  // (cut off by such seeds) still become objects.
  const rest = connectedComponents(mask.map((v, i) => (v && !labels[i] ? 1 : 0)), width, height);
  for (let i = 0; i < labels.length; i++) if (rest.labels[i]) labels[i] = seeds.count + rest.labels[i];
  mergeShallow(labels, distance, width, seeds.count + rest.count, mergeDepth);
  return labels;
}

/** Merges neighbouring regions whose separating valley is shallower than `depth` (see mergeDepth). */
function mergeShallow(labels: Uint32Array, height: Float32Array, width: number, count: number, depth: number): void {
  const peak = new Float32Array(count + 1);
  for (let i = 0; i < labels.length; i++) if (height[i] > peak[labels[i]]) peak[labels[i]] = height[i];
  const saddle = new Map<number, number>(); // a * (count + 1) + b, a < b -> highest meeting point
  const meet = (p: number, q: number) => {
    const a = labels[p], b = labels[q];
    if (!a || !b || a === b) return;
    const key = a < b ? a * (count + 1) + b : b * (count + 1) + a;
    const level = Math.min(height[p], height[q]);
    if (level > (saddle.get(key) ?? -1)) saddle.set(key, level);
  };
  for (let i = 0; i < labels.length; i++) {
    if (i % width < width - 1) meet(i, i + 1);
    if (i + width < labels.length) meet(i, i + width);
  }
  const parent = Uint32Array.from({ length: count + 1 }, (_, k) => k);
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k])));
  // Shallowest valleys first; a merged region keeps the higher peak.
  const pairs = [...saddle].map(([key, level]) => ({ a: Math.floor(key / (count + 1)), b: key % (count + 1), level }));
  pairs.sort((x, y) => y.level - x.level);
  for (const { a, b, level } of pairs) {
    const ra = find(a), rb = find(b);
    if (ra === rb || Math.min(peak[ra], peak[rb]) - level >= depth) continue;
    parent[rb] = ra;
    peak[ra] = Math.max(peak[ra], peak[rb]);
  }
  for (let i = 0; i < labels.length; i++) if (labels[i]) labels[i] = find(labels[i]);
}

/** Adds small locally bright pieces that touch no object yet (micronuclei, fragments). */
function rescueSmall(smooth: Float32Array, labels: Uint32Array, width: number, height: number, p: ClassicalParams): void {
  const local = boxMean(smooth, width, height, 15);
  const bright = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) if (smooth[i] > local[i] + p.rescueContrast) bright[i] = 1;
  const pieces = connectedComponents(bright, width, height);
  const area = new Uint32Array(pieces.count + 1), blocked = new Uint8Array(pieces.count + 1);
  for (let i = 0; i < labels.length; i++) {
    const k = pieces.labels[i];
    if (!k) continue;
    area[k]++;
    if (labels[i]) blocked[k] = 1;
  }
  let next = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] > next) next = labels[i];
  const newLabel = new Uint32Array(pieces.count + 1);
  for (let k = 1; k <= pieces.count; k++) if (!blocked[k] && area[k] <= p.rescueMaxArea) newLabel[k] = ++next;
  for (let i = 0; i < labels.length; i++) if (newLabel[pieces.labels[i]]) labels[i] = newLabel[pieces.labels[i]];
}

/** Drops each object's pixels under refineFraction of its median value (histogram of 0..255). */
function refineEdges(smooth: Float32Array, labels: Uint32Array, fraction: number): void {
  let max = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] > max) max = labels[i];
  const hist = new Uint32Array((max + 1) * 256), count = new Uint32Array(max + 1);
  for (let i = 0; i < labels.length; i++) {
    const k = labels[i];
    if (k) hist[k * 256 + Math.min(255, Math.round(smooth[i]))]++, count[k]++;
  }
  const cut = new Float32Array(max + 1);
  for (let k = 1; k <= max; k++) cut[k] = fraction * histogramPercentile(hist.subarray(k * 256, k * 256 + 256), count[k], 50);
  for (let i = 0; i < labels.length; i++) if (labels[i] && smooth[i] < cut[labels[i]]) labels[i] = 0;
}
