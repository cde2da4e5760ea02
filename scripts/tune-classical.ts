// Chooses the classical pipeline's parameters on the TRAIN split only (never dev or test):
// `npx tsx scripts/tune-classical.ts` prints the pooled F1 at IoU 0.5 / 0.7 / 0.9 of every
// combination in a small grid, best (by their mean) last. The winner is DEFAULT_CLASSICAL_PARAMS.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { prepareImage } from '../src/core/intake';
import { decodeMask } from '../src/core/mask/decodeMask';
import { matchLabels, poolCounts, scores, scoresAt } from '../src/core/metrics/scores';
import { DEFAULT_CLASSICAL_PARAMS, segmentClassical, type ClassicalParams } from '../src/core/segment/classical';

const dir = resolve(import.meta.dirname, '../../shared/data/aitslab-bioimaging1/train');
const names = readdirSync(dir).filter((n) => n.endsWith('.png') && !n.endsWith('_objects.png'));
const data = names.map((name) => {
  const image = prepareImage(name, new Uint8Array(readFileSync(join(dir, name)))).display;
  const maskFile = name.replace(/\.png$/, '_objects.png');
  return { image, truth: decodeMask(maskFile, new Uint8Array(readFileSync(join(dir, maskFile)))).labels };
});

const grid: Array<Partial<ClassicalParams>> = [];
for (const thresholdScale of [1.2, 1.4, 1.6]) for (const refineFraction of [0, 0.55]) for (const mergeDepth of [2, 4]) for (const rescueContrast of [0, 30]) grid.push({ thresholdScale, refineFraction, mergeDepth, rescueContrast });

const results = grid.map((params) => {
  const counts = poolCounts(data.map(({ image, truth }) => matchLabels(truth, segmentClassical(image, params).labels, { thresholds: [0.5, 0.7, 0.9] })));
  const f1 = [0.5, 0.7, 0.9].map((t) => scoresAt(scores(counts), t).f1);
  return { params: { ...DEFAULT_CLASSICAL_PARAMS, ...params }, f1, mean: f1.reduce((a, b) => a + b) / 3 };
});
for (const r of results.sort((a, b) => a.mean - b.mean)) console.log(JSON.stringify({ ...r.params, f1: r.f1.map((v) => v.toFixed(3)), mean: r.mean.toFixed(4) }));
