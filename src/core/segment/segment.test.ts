import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareImage } from '../intake';
import { decodeMask } from '../mask/decodeMask';
import { matchLabels, scores, scoresAt } from '../metrics/scores';
import { createRng } from '../random';
import { sharedDataDir } from '../testing/sharedData';
import { segmentClassical } from './classical';
import { connectedComponents, fillHoles } from './components';
import { distanceTransform } from './distance';
import { boxMean, gaussianBlur, maxFilter, otsuThreshold } from './filters';
import { growRegion } from './grow';
import { compactLabels } from './labels';
import { seededWatershed } from './watershed';

const dir = sharedDataDir();

/** Disc masks: pixel centres within radius r of (cx, cy). */
function discs(width: number, height: number, list: Array<[number, number, number]>): Uint32Array {
  const labels = new Uint32Array(width * height);
  list.forEach(([cx, cy, r], i) => {
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r) labels[y * width + x] = i + 1;
  });
  return labels;
}

describe('distanceTransform', () => {
  it('equals the brute-force distance to the nearest outside pixel (image border outside)', () => {
    const rng = createRng(3);
    const width = 17, height = 11;
    const mask = Uint8Array.from({ length: width * height }, () => (rng.chance(0.8) ? 1 : 0));
    const d = distanceTransform(mask, width, height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let best = Math.min(x + 1, y + 1, width - x, height - y) ** 2;
        for (let v = 0; v < height; v++) for (let u = 0; u < width; u++) if (!mask[v * width + u]) best = Math.min(best, (u - x) ** 2 + (v - y) ** 2);
        expect(d[y * width + x]).toBeCloseTo(mask[y * width + x] ? Math.sqrt(best) : 0, 5);
      }
    }
  });
});

describe('components and holes', () => {
  it('labels 4-connected pieces in raster order; 8-connectivity joins corners', () => {
    const mask = Uint8Array.from([1, 0, 1, 0, 1, 0, 1, 0, 0]);
    expect([...connectedComponents(mask, 3, 3).labels]).toEqual([1, 0, 2, 0, 3, 0, 4, 0, 0]);
    expect(connectedComponents(mask, 3, 3, true).count).toBe(1);
  });

  it('fills holes but not background reaching the border', () => {
    const mask = Uint8Array.from([1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 1, 0]);
    expect([...fillHoles(mask, 4, 3)]).toEqual([1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0]);
  });

  it('compacts labels in raster order and drops small objects', () => {
    const labels = Uint32Array.from([7, 7, 0, 3, 9, 9, 9, 0]);
    expect(compactLabels(labels, 2)).toEqual({ count: 2, areas: Uint32Array.from([2, 3]) });
    expect([...labels]).toEqual([1, 1, 0, 0, 2, 2, 2, 0]);
  });
});

describe('filters', () => {
  it('blur keeps a constant image, max and mean filters see their window', () => {
    const flat = new Float32Array(20).fill(5);
    expect([...gaussianBlur(flat, 5, 4, 1.5)].every((v) => Math.abs(v - 5) < 1e-5)).toBe(true);
    const spike = new Float32Array(25);
    spike[12] = 9;
    expect([...maxFilter(spike, 5, 5, 1)].filter((v) => v === 9)).toHaveLength(9);
    expect(boxMean(spike, 5, 5, 1)[12]).toBeCloseTo(1, 6);
  });

  it('Otsu splits a two-level histogram between the levels', () => {
    const hist = new Uint32Array(256);
    hist[20] = 900;
    hist[200] = 100;
    const t = otsuThreshold(hist);
    expect(t >= 20 && t < 200).toBe(true);
  });
});

describe('seededWatershed', () => {
  it('splits two touching discs at their waist, from one seed each', () => {
    const width = 40, height = 24;
    const truth = discs(width, height, [[12, 12, 9], [27, 12, 9]]);
    const mask = truth.map((v) => (v ? 1 : 0)) as unknown as Uint8Array;
    const distance = distanceTransform(Uint8Array.from(mask), width, height);
    const seeds = new Uint32Array(width * height);
    seeds[12 * width + 11] = 1;
    seeds[12 * width + 27] = 2;
    const labels = seededWatershed(distance, seeds, Uint8Array.from(mask), width, height);
    const scoresAt5 = scoresAt(scores(matchLabels(truth, labels)), 0.9);
    expect(scoresAt5.tp).toBe(2);
    expect(labels.every((v, i) => (v > 0) === (truth[i] > 0))).toBe(true);
  });
});

describe('segmentClassical', () => {
  it('finds generated bright discs on a dark background exactly, touching ones split', () => {
    const width = 64, height = 48;
    const truth = discs(width, height, [[14, 14, 8], [29, 14, 8], [45, 34, 6], [10, 38, 2.5]]);
    const data = Uint8Array.from(truth, (v) => (v ? 180 : 20));
    const result = segmentClassical({ width, height, channels: 1, bitDepth: 8, data }, { sigma: 0 });
    expect(result.count).toBe(4);
    expect(scoresAt(scores(matchLabels(truth, result.labels)), 0.9).tp).toBe(4);
  });

  it.skipIf(!dir)('scores F1 >= 0.75 at IoU 0.5 on two train images (pooled train F1 where it was tuned: 0.87)', () => {
    const train = join(dir!, 'aitslab-bioimaging1', 'train');
    for (const name of ['MFGTMPcx7_170702000001_B14f07d0', 'MFGTMPcx7_170702000001_F24f14d0']) {
      const image = prepareImage(`${name}.png`, new Uint8Array(readFileSync(join(train, `${name}.png`)))).display;
      const truth = decodeMask(name, new Uint8Array(readFileSync(join(train, `${name}_objects.png`)))).labels;
      const f1 = scoresAt(scores(matchLabels(truth, segmentClassical(image).labels)), 0.5).f1;
      expect(f1, name).toBeGreaterThanOrEqual(0.75);
    }
  });
});

describe('growRegion', () => {
  it('grows the bright blob around the click, and nothing from background', () => {
    const width = 50, height = 50;
    const truth = discs(width, height, [[25, 25, 6]]);
    const grey = Uint8Array.from(truth, (v) => (v ? 120 : 15));
    const region = growRegion(grey, width, height, 25, 25)!;
    expect(region.area).toBe(truth.filter((v) => v).length);
    expect(region.mask[(25 - region.y0) * region.width + 25 - region.x0]).toBe(1);
    expect(growRegion(grey, width, height, 2, 2)).toBeNull();
  });
});
