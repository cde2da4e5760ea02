import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeMask } from '../mask/decodeMask';
import { sharedDataDir } from '../testing/sharedData';
import { matchLabels, SMALL_AREA } from './scores';
import { summarize } from './summary';

const data = sharedDataDir();
const testDir = data && join(data, 'aitslab-bioimaging1', 'test');

interface Mask {
  width: number;
  height: number;
  labels: Uint32Array;
  count: number;
}

function testMasks(): Mask[] {
  return readdirSync(testDir!)
    .filter((name) => name.endsWith('_objects.png'))
    .sort()
    .map((name) => {
      const mask = decodeMask(name, new Uint8Array(readFileSync(join(testDir!, name))));
      return { width: mask.width, height: mask.height, labels: mask.labels, count: mask.values.length };
    });
}

const areasOf = (labels: Uint32Array, count: number) => {
  const areas = new Array<number>(count + 1).fill(0);
  for (const k of labels) areas[k]++;
  return areas;
};

/** Pairs of different objects that touch (4-neighbours), each once. */
function touchingPairs({ labels, width }: Mask): Array<[number, number]> {
  const seen = new Set<string>(), pairs: Array<[number, number]> = [];
  for (let p = 0; p < labels.length; p++) {
    for (const q of [p + 1, p + width]) {
      const a = labels[p], b = labels[q];
      if (q >= labels.length || (q === p + 1 && q % width === 0) || !a || !b || a === b) continue;
      const key = `${Math.min(a, b)}-${Math.max(a, b)}`;
      if (!seen.has(key)) seen.add(key), pairs.push([a, b]);
    }
  }
  return pairs;
}

describe.skipIf(!testDir)('metrics on the real test split, against masks changed in known ways', () => {
  const masks = testDir ? testMasks() : [];
  const expectAtEvery = (reference: Mask, candidate: Uint32Array, expected: { tp: number; fp: number; fn: number }) => {
    for (const t of summarize(matchLabels(reference.labels, candidate)).thresholds) expect({ tp: t.tp, fp: t.fp, fn: t.fn }, `IoU ${t.iou}`).toEqual(expected);
  };

  it('finds every object of an unchanged mask at every threshold', () => {
    for (const mask of masks) {
      const summary = summarize(matchLabels(mask.labels, mask.labels));
      expect(summary.meanF1).toBe(1);
      expect(summary.meanMatchedIoU).toBe(1);
      expectAtEvery(mask, mask.labels, { tp: mask.count, fp: 0, fn: 0 });
    }
  });

  it('counts dropped objects as missed and invented ones as extra', () => {
    const mask = masks[0];
    const candidate = mask.labels.map((k) => (k === 1 || k === 2 || k === 3 ? 0 : k));
    expectAtEvery(mask, candidate, { tp: mask.count - 3, fp: 0, fn: 3 });
    // Two 4 x 4 squares where the image has no object: two new labels.
    const invented = mask.labels.slice();
    let placed = 0;
    for (let y = 0; y + 4 <= mask.height && placed < 2; y += 8) {
      for (let x = 0; x + 4 <= mask.width && placed < 2; x += 8) {
        const cells = Array.from({ length: 16 }, (_, i) => (y + (i >> 2)) * mask.width + x + (i & 3));
        if (cells.every((p) => invented[p] === 0)) cells.forEach((p) => (invented[p] = mask.count + 1 + placed)), placed++;
      }
    }
    expect(placed).toBe(2);
    expectAtEvery(mask, invented, { tp: mask.count, fp: 2, fn: 0 });
  });

  it('counts two touching objects merged into one as one merge: the larger one matched where the IoU allows, the other missed', () => {
    const mask = masks.find((candidate) => touchingPairs(candidate).length > 0)!;
    const [a, b] = touchingPairs(mask)[0];
    const areas = areasOf(mask.labels, mask.count);
    const [larger, smaller] = areas[a] >= areas[b] ? [a, b] : [b, a];
    const merged = mask.labels.map((k) => (k === smaller ? larger : k));
    const counts = matchLabels(mask.labels, merged);
    expect(counts.merges).toBe(1);
    const iou = areas[larger] / (areas[larger] + areas[smaller]);
    for (const t of summarize(counts).thresholds) {
      const matched = iou >= t.iou ? 1 : 0;
      expect({ tp: t.tp, fp: t.fp, fn: t.fn }, `IoU ${t.iou}`).toEqual({ tp: mask.count - 2 + matched, fp: 1 - matched, fn: 2 - matched });
    }
  });

  it('scores every object eroded by one pixel by its own IoU, at every threshold, small objects too', () => {
    const mask = masks[1];
    const { labels, width, height } = mask;
    const eroded = labels.map((k, p) => {
      const x = p % width, y = Math.floor(p / width);
      const inside = x > 0 && y > 0 && x + 1 < width && y + 1 < height;
      return inside && labels[p - 1] === k && labels[p + 1] === k && labels[p - width] === k && labels[p + width] === k ? k : 0;
    });
    const before = areasOf(labels, mask.count), after = areasOf(eroded, mask.count);
    const summary = summarize(matchLabels(labels, eroded));
    for (const t of summary.thresholds) {
      const kept = [...Array(mask.count).keys()].map((i) => i + 1).filter((k) => after[k] > 0);
      const tp = kept.filter((k) => after[k] / before[k] >= t.iou).length;
      expect({ tp: t.tp, fp: t.fp, fn: t.fn }, `IoU ${t.iou}`).toEqual({ tp, fp: kept.length - tp, fn: mask.count - tp });
      const small = [...Array(mask.count).keys()].map((i) => i + 1).filter((k) => before[k] < SMALL_AREA);
      const smallTp = small.filter((k) => after[k] > 0 && after[k] / before[k] >= t.iou).length;
      const smallFp = kept.filter((k) => after[k] < SMALL_AREA && after[k] / before[k] < t.iou).length;
      expect(summary.small.thresholds.find((s) => s.iou === t.iou), `small at IoU ${t.iou}`).toMatchObject({ tp: smallTp, fn: small.length - smallTp, fp: smallFp });
    }
  });
});
