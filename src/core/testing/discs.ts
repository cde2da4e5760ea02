/** Generated nuclei for tests: discs on a label image, and the maps a perfect model would give. */
import type { ModelMaps } from '../model/runtime';
import { distanceTransform } from '../segment/distance';

/** Label image of discs [cx, cy, r] (image pixels): pixel centres within r; later discs on top. */
export function discLabels(width: number, height: number, discs: ReadonlyArray<readonly [number, number, number]>): Uint32Array {
  const labels = new Uint32Array(width * height);
  discs.forEach(([cx, cy, r], i) => {
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r) labels[y * width + x] = i + 1;
  });
  return labels;
}

/** Foreground 1/0 and per-object normalized distance, as the network is trained to output. */
export function idealMaps(labels: Uint32Array, width: number, height: number, count: number): ModelMaps {
  const foreground = Float32Array.from(labels, (k) => (k ? 1 : 0));
  const distance = new Float32Array(labels.length);
  for (let k = 1; k <= count; k++) {
    const d = distanceTransform(Uint8Array.from(labels, (v) => (v === k ? 1 : 0)), width, height);
    let max = 0;
    for (const v of d) if (v > max) max = v;
    for (let p = 0; p < d.length; p++) if (labels[p] === k) distance[p] = d[p] / max;
  }
  return { width, height, foreground, distance };
}
