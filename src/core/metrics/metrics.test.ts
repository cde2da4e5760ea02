import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { assignMinCost } from './hungarian';
import { compareShapes } from './compareShapes';
import { matchLabels, poolCounts, scores, scoresAt } from './scores';

/** Random label image: `objects` rectangles of random size drawn in order (later on top). */
function randomLabels(random: () => number, width: number, height: number, objects: number): Uint32Array {
  const labels = new Uint32Array(width * height);
  for (let k = 1; k <= objects; k++) {
    const w = 1 + Math.floor(random() * 6), h = 1 + Math.floor(random() * 6);
    const x0 = Math.floor(random() * (width - w + 1)), y0 = Math.floor(random() * (height - h + 1));
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) labels[y * width + x] = k;
  }
  return labels;
}

/** Brute force: IoU from pixel sets, then every one-to-one matching of pairs >= t. */
function bruteForce(truth: Uint32Array, candidate: Uint32Array, t: number): { tp: number; iouSum: number } {
  const pixels = (labels: Uint32Array) => {
    const sets = new Map<number, Set<number>>();
    labels.forEach((k, p) => k && (sets.get(k) ?? sets.set(k, new Set()).get(k)!).add(p));
    return sets;
  };
  const a = pixels(truth), b = pixels(candidate);
  const edges: Array<[number, number, number]> = [];
  for (const [i, pa] of a) {
    for (const [j, pb] of b) {
      const inter = [...pa].filter((p) => pb.has(p)).length;
      const iou = inter / (pa.size + pb.size - inter);
      if (inter > 0 && iou >= t) edges.push([i, j, iou]);
    }
  }
  let best = { tp: 0, iouSum: 0 };
  const search = (from: number, usedA: Set<number>, usedB: Set<number>, tp: number, iouSum: number) => {
    if (tp > best.tp || (tp === best.tp && iouSum > best.iouSum + 1e-12)) best = { tp, iouSum };
    for (let e = from; e < edges.length; e++) {
      const [i, j, iou] = edges[e];
      if (usedA.has(i) || usedB.has(j)) continue;
      usedA.add(i), usedB.add(j);
      search(e + 1, usedA, usedB, tp + 1, iouSum + iou);
      usedA.delete(i), usedB.delete(j);
    }
  };
  search(0, new Set(), new Set(), 0, 0);
  return best;
}

describe('assignMinCost', () => {
  it('finds the optimum of small random matrices, either orientation', () => {
    const rng = createRng(7), random = () => rng.next();
    for (let trial = 0; trial < 200; trial++) {
      const rows = 1 + Math.floor(random() * 5), cols = 1 + Math.floor(random() * 5);
      const cost = Float64Array.from({ length: rows * cols }, () => Math.floor(random() * 4)); // many ties
      const assignment = assignMinCost(cost, rows, cols);
      const total = [...assignment].reduce((s, c, r) => s + (c >= 0 ? cost[r * cols + c] : 0), 0);
      expect(new Set([...assignment].filter((c) => c >= 0)).size).toBe(Math.min(rows, cols));
      expect(total).toBe(bruteMinCost(cost, rows, cols));
    }
  });
});

function bruteMinCost(cost: Float64Array, rows: number, cols: number): number {
  let best = Infinity;
  const go = (r: number, used: Set<number>, sum: number, assigned: number) => {
    if (r === rows) {
      if (assigned === Math.min(rows, cols)) best = Math.min(best, sum);
      return;
    }
    if (rows - r > cols - assigned) go(r + 1, used, sum, assigned); // this row may stay out
    for (let c = 0; c < cols; c++) {
      if (used.has(c)) continue;
      used.add(c);
      go(r + 1, used, sum + cost[r * cols + c], assigned + 1);
      used.delete(c);
    }
  };
  go(0, new Set(), 0, 0);
  return best;
}

describe('matchLabels', () => {
  it('agrees with brute force on generated overlapping objects, at low and high thresholds', () => {
    const rng = createRng(42), random = () => rng.next();
    const thresholds = [0.1, 0.25, 0.5, 0.75, 0.9];
    for (let trial = 0; trial < 150; trial++) {
      const truth = randomLabels(random, 10, 10, Math.floor(random() * 7));
      const candidate = randomLabels(random, 10, 10, Math.floor(random() * 7));
      const counts = matchLabels(truth, candidate, { thresholds });
      for (const c of counts.perThreshold) {
        const expected = bruteForce(truth, candidate, c.threshold);
        expect(c.tp).toBe(expected.tp);
        expect(c.matchedIouSum).toBeCloseTo(expected.iouSum, 10);
        expect(c.fp).toBe(counts.candidateObjects - c.tp);
        expect(c.fn).toBe(counts.truthObjects - c.tp);
      }
    }
  });

  it('breaks ties between equal pairs one-to-one', () => {
    // Two truth pixels-pairs and two candidates, each candidate overlapping both truths equally.
    const truth = Uint32Array.from([1, 1, 2, 2]);
    const candidate = Uint32Array.from([0, 1, 2, 0]);
    const counts = matchLabels(truth, candidate, { thresholds: [0.5] });
    expect(counts.perThreshold[0]).toMatchObject({ tp: 2, fp: 0, fn: 0, matchedIouSum: 1 });
  });

  it('handles empty reference, empty candidate and both empty (ratios 0, as StarDist)', () => {
    const empty = new Uint32Array(4), one = Uint32Array.from([0, 3, 3, 0]);
    expect(scoresAt(scores(matchLabels(empty, one)), 0.5)).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0, recall: 0, f1: 0 });
    expect(scoresAt(scores(matchLabels(one, empty)), 0.5)).toMatchObject({ tp: 0, fp: 0, fn: 1, f1: 0 });
    expect(scoresAt(scores(matchLabels(empty, empty)), 0.5)).toMatchObject({ tp: 0, fp: 0, fn: 0, f1: 0, meanMatchedIou: 0 });
  });

  it('counts one candidate over many reference objects as a merge with at most one match', () => {
    const truth = Uint32Array.from([1, 1, 2, 2, 3, 3, 0, 0]);
    const candidate = Uint32Array.from([5, 5, 5, 5, 5, 5, 5, 0]);
    const counts = matchLabels(truth, candidate, { thresholds: [0.1, 0.5] });
    expect(counts.merges).toBe(1);
    expect(counts.splits).toBe(0);
    expect(counts.perThreshold.map((c) => c.tp)).toEqual([1, 0]);
    const split = matchLabels(candidate, truth);
    expect(split.splits).toBe(1);
  });

  it('pools by adding counts and reports small-object recall', () => {
    const truth = Uint32Array.from([1, 1, 1, 0, 2, 0]);
    const candidate = Uint32Array.from([1, 1, 1, 0, 0, 0]);
    const a = matchLabels(truth, candidate, { smallArea: 2 }); // object 2 (1 px) is small
    const pooled = poolCounts([a, a]);
    const s = scoresAt(scores(pooled), 0.5);
    expect(s).toMatchObject({ tp: 2, fp: 0, fn: 2, precision: 1, recall: 0.5, accuracy: 0.5, meanMatchedIou: 1, smallRecall: 0 });
    expect(s.f1).toBeCloseTo(2 / 3, 12);
    expect(pooled.smallTruthObjects).toBe(2);
  });
});

describe('compareShapes', () => {
  const square = (x: number, y: number, size: number, z = 1) => ({ z, rings: [[x, y, x + size, y, x + size, y + size, x, y + size]] });

  it('lists matched pairs with their IoU, missed reference objects and extra candidates, by index', () => {
    const reference = [square(0, 0, 10), square(20, 0, 10), square(40, 0, 4)];
    const candidate = [square(21, 0, 10), square(0, 0, 10), square(0, 30, 5), square(40, 0, 8)];
    const result = compareShapes(reference, candidate, 60, 40, 0.5);
    expect(result.matched).toEqual([
      { reference: 0, candidate: 1, iou: 1 },
      { reference: 1, candidate: 0, iou: 90 / 110 },
    ]);
    expect(result.missed).toEqual([2]); // 16 of 64 pixels: IoU 0.25
    expect(result.extra).toEqual([2, 3]);
    expect(result.counts.perThreshold.map((t) => t.tp)).toEqual([2, 2, 2, 2, 2, 2, 2, 1, 1, 1]); // IoU 0.82 passes up to 0.8
  });

  it('handles empty sides', () => {
    expect(compareShapes([], [square(0, 0, 3)], 10, 10)).toMatchObject({ matched: [], missed: [], extra: [0] });
    expect(compareShapes([square(0, 0, 3)], [], 10, 10)).toMatchObject({ matched: [], missed: [0], extra: [] });
  });
});
