import { describe, expect, it } from 'vitest';
import { rasterizeShapes } from '../mask/rasterize';
import { matchLabels, scores, scoresAt } from '../metrics/scores';
import type { Raster8 } from '../raster';
import { createRng } from '../random';
import { discLabels, idealMaps } from '../testing/discs';
import { labelInstances } from './instances';
import { inputWindow, modelInput } from './normalize';
import { ringsOfRegion } from '../mask/regions';
import { regionAt } from './regionAt';
import { detectObjects, predictMaps, type SessionRunner } from './runtime';
import { planTiles } from './tiling';

const grey = (width: number, height: number, data: Uint8Array): Raster8 => ({ width, height, channels: 1, bitDepth: 8, data });

/**
 * A stand-in network with a receptive field of radius 4: foreground = 3 x 3 mean of the input,
 * distance = 9 x 9 mean (peaks in the middle of bright blobs), edges clamped to the array.
 * With a tile margin of at least 4 every core pixel sees exactly what it would untiled.
 */
const localRunner: SessionRunner & { calls: Array<[number, number]> } = {
  calls: [],
  async run(input, height, width) {
    this.calls.push([height, width]);
    const out = new Float32Array(2 * width * height);
    const mean = (x: number, y: number, r: number) => {
      let sum = 0;
      for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) sum += input[Math.min(Math.max(y + dy, 0), height - 1) * width + Math.min(Math.max(x + dx, 0), width - 1)];
      return sum / (2 * r + 1) ** 2;
    };
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        out[y * width + x] = Math.min(1, Math.max(0, mean(x, y, 1)));
        out[width * height + y * width + x] = Math.min(1, Math.max(0, mean(x, y, 4)));
      }
    }
    return out;
  },
};

const firstDifference = (a: Float32Array, b: Float32Array) => (a.length === b.length ? a.findIndex((v, i) => v !== b[i]) : 0);

describe('modelInput', () => {
  it('maps the 1st and 99.8th percentiles (by sorted rank) to 0 and 1, unclipped', () => {
    const rng = createRng(5);
    const data = Uint8Array.from({ length: 997 }, () => rng.int(0, 255));
    const sorted = [...data].sort((a, b) => a - b);
    const low = sorted[Math.floor(0.01 * 996)], high = sorted[Math.floor(0.998 * 996)];
    expect(inputWindow(data)).toEqual({ low, high });
    const input = modelInput(grey(997, 1, data));
    data.forEach((v, i) => expect(input[i]).toBe(Math.fround((v - low) / (high - low))));
  });

  it('uses the mean of red, green and blue for colour rasters', () => {
    const rgb: Raster8 = { width: 2, height: 1, channels: 3, bitDepth: 8, data: Uint8Array.from([0, 0, 3, 90, 90, 90]) };
    expect(modelInput(rgb)).toEqual(modelInput(grey(2, 1, Uint8Array.from([1, 90]))));
  });
});

describe('tiling', () => {
  it('covers every pixel with exactly one core, inputs inside the image', () => {
    for (const [w, h, tile, margin] of [[1104, 1104, 1152, 48], [1300, 700, 512, 48], [97, 33, 40, 8]]) {
      const cover = new Uint8Array(w * h);
      for (const { core, input } of planTiles(w, h, tile, margin, 16)) {
        expect(input.x0 >= 0 && input.y0 >= 0 && input.x1 <= Math.ceil(w / 16) * 16 && input.y1 <= Math.ceil(h / 16) * 16).toBe(true);
        expect(input.x0 <= core.x0 && input.y0 <= core.y0 && input.x1 >= core.x1 && input.y1 >= core.y1).toBe(true);
        expect((input.x1 - input.x0) % 16 === 0 && input.x1 - input.x0 < tile + 16 && (input.y1 - input.y0) % 16 === 0).toBe(true);
        for (let y = core.y0; y < core.y1; y++) for (let x = core.x0; x < core.x1; x++) cover[y * w + x]++;
      }
      expect(cover.every((c) => c === 1)).toBe(true);
    }
  });

  it('stitches maps identical to one pass, so tiled and untiled labels are the same (no seams)', async () => {
    const width = 150, height = 110;
    const rng = createRng(11);
    const discs = Array.from({ length: 40 }, () => [rng.range(0, width), rng.range(0, height), rng.range(2, 9)] as const);
    const truth = discLabels(width, height, discs);
    const image = grey(width, height, Uint8Array.from(truth, (k) => (k ? 200 : 10)));
    const whole = await detectObjects(localRunner, image, { maxTile: 160 });
    localRunner.calls = [];
    const tiled = await detectObjects(localRunner, image, { maxTile: 48, margin: 8 });
    expect(localRunner.calls.length).toBeGreaterThan(6);
    expect(localRunner.calls.every(([h, w]) => h % 16 === 0 && w % 16 === 0)).toBe(true);
    // Compared with ===, as toEqual would also tell +0 from -0.
    expect(firstDifference(tiled.maps.foreground, whole.maps.foreground)).toBe(-1);
    expect(firstDifference(tiled.maps.distance, whole.maps.distance)).toBe(-1);
    expect(tiled.instances.labels).toEqual(whole.instances.labels);
    expect(whole.instances.count).toBeGreaterThan(10);
    // Objects across the tile borders (multiples of the core size) exist and are whole.
    const crossing = new Set<number>();
    for (let y = 0; y < height; y++) for (const x of [32, 64, 96, 128]) if (whole.instances.labels[y * width + x - 1] && whole.instances.labels[y * width + x - 1] === whole.instances.labels[y * width + x]) crossing.add(whole.instances.labels[y * width + x]);
    expect(crossing.size).toBeGreaterThan(3);
  });

  it('rejects an aborted run between tiles', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(predictMaps(localRunner, grey(64, 64, new Uint8Array(4096)), { signal: controller.signal })).rejects.toThrow('stopped');
  });
});

describe('labelInstances', () => {
  it('recovers generated discs exactly from ideal maps, touching ones split, tiny ones kept', () => {
    const width = 90, height = 60;
    const discs = [[15, 15, 10], [34, 15, 10], [60, 40, 14], [80, 10, 2.2], [10, 48, 7], [22, 50, 6]] as const;
    const truth = discLabels(width, height, discs);
    const result = labelInstances(idealMaps(truth, width, height, discs.length));
    expect(result.count).toBe(discs.length);
    expect(scoresAt(scores(matchLabels(truth, result.labels)), 0.95).tp).toBe(discs.length);
    expect([...result.confidence].every((c) => c === 1)).toBe(true);
    expect([...result.areas].reduce((a, b) => a + b)).toBe(truth.filter((k) => k).length);
  });

  it('merges the two cores of one lobed object across a shallow saddle, never touching objects', () => {
    const width = 60, height = 30;
    // One object made of two overlapping discs: its distance map has two peaks (1) and a neck
    // at ~0.7 between them; the seed threshold 0.8 gives it two cores.
    const peanut = discLabels(width, height, [[15, 15, 9], [29, 15, 9]]).map((k) => (k ? 1 : 0));
    const maps = idealMaps(peanut, width, height, 1);
    expect(labelInstances(maps, { seedThreshold: 0.8, mergeRatio: 1.01 }).count).toBe(2);
    const merged = labelInstances(maps, { seedThreshold: 0.8, mergeRatio: 0.6 });
    expect(merged.count).toBe(1);
    expect(merged.areas[0]).toBe(peanut.filter((k) => k).length);
    // Touching discs meet where the distance is near 0: they stay apart at any sensible ratio.
    const touching = discLabels(width, height, [[15, 15, 10], [34, 15, 10]]);
    expect(labelInstances(idealMaps(touching, width, height, 2), { seedThreshold: 0.8, mergeRatio: 0.3 }).count).toBe(2);
  });

  it('drops objects whose mean foreground probability is under minConfidence', () => {
    const width = 40, height = 20;
    const truth = discLabels(width, height, [[10, 10, 6], [30, 10, 6]]);
    const maps = idealMaps(truth, width, height, 2);
    truth.forEach((k, p) => k === 2 && (maps.foreground[p] = 0.6)); // a speck the network half believes in
    expect(labelInstances(maps, { minConfidence: 0 }).count).toBe(2);
    const kept = labelInstances(maps, { minConfidence: 0.7 });
    expect(kept.count).toBe(1);
    expect([...kept.labels].map((k) => k > 0)).toEqual([...truth].map((k) => k === 1));
  });

  it('finds nothing on an empty image', () => {
    const maps = { width: 8, height: 8, foreground: new Float32Array(64), distance: new Float32Array(64) };
    expect(labelInstances(maps).count).toBe(0);
  });
});

describe('regionAt', () => {
  const width = 60, height = 40;
  const truth = discLabels(width, height, [[15, 15, 8], [45, 25, 5]]);
  const detected = labelInstances(idealMaps(discLabels(width, height, [[15, 15, 8]]), width, height, 1));
  const image = grey(width, height, Uint8Array.from(truth, (k) => (k ? 160 : 12)));

  it('returns the detected object under the click, whose rings rasterize back to it', () => {
    const region = regionAt(detected, image, 15.2, 14.9)!;
    expect(region).toMatchObject({ source: 'detected', label: 1, area: truth.filter((k) => k === 1).length });
    const back = rasterizeShapes([{ rings: ringsOfRegion(region, undefined, 'exact-dense'), z: 1 }], width, height).labels;
    expect([...back].map((v) => v === 1)).toEqual([...truth].map((k) => k === 1));
  });

  it('grows a region from the click where nothing was detected, and null on background', () => {
    const region = regionAt(detected, image, 45.5, 25.5)!;
    expect(region).toMatchObject({ source: 'grown', label: 0, area: truth.filter((k) => k === 2).length });
    expect(regionAt(detected, image, 2, 38)).toBeNull();
    expect(regionAt(detected, image, -1, 5)).toBeNull();
  });
});
