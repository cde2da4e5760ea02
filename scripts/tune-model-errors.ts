// Where the model's errors are on the DEV split: each true object is classed as matched
// (IoU >= 0.5), merged (a prediction holding over half of it holds over half of another true
// object too), split (two or more predictions hold parts, none matching), missed (no
// prediction holds a quarter of it) or poorly outlined (the rest); counts per size band.
// False positives are classed the same way. Matched pairs show the boundary bias (predicted
// area over true area). `npx tsx scripts/tune-model-errors.ts [model.onnx]`
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadOnnxRunner } from '../src/cli/onnxSession';
import { prepareImage } from '../src/core/intake';
import { decodeMask } from '../src/core/mask/decodeMask';
import { matchPairs } from '../src/core/metrics/matching';
import { objectLabels, overlapTable } from '../src/core/metrics/overlaps';
import { labelInstances } from '../src/core/model/instances';
import { predictMaps } from '../src/core/model/runtime';

const dir = resolve(import.meta.dirname, '../../shared/data/aitslab-bioimaging1/dev');
const runner = await loadOnnxRunner(process.argv[2]);
const bands = [[0, 50], [50, 200], [200, 600], [600, 1e9]];
const band = (a: number) => bands.findIndex(([lo, hi]) => a >= lo && a < hi);
const table = bands.map(() => ({ truth: 0, matched: 0, merged: 0, split: 0, missed: 0, poor: 0, fp: 0, ratio: [] as number[], iou: [] as number[] }));
for (const file of readdirSync(dir).filter((n) => n.endsWith('.png') && !n.endsWith('_objects.png')).sort()) {
  const maskFile = file.replace(/\.png$/, '_objects.png');
  const maps = await predictMaps(runner, prepareImage(file, new Uint8Array(readFileSync(join(dir, file)))).display);
  const truth = decodeMask(maskFile, new Uint8Array(readFileSync(join(dir, maskFile)))).labels;
  const pred = labelInstances(maps).labels;
  const o = overlapTable(truth, pred);
  const matched = new Map(matchPairs(o, 0.5).map((p) => [p.truth, p]));
  const matchedCandidates = new Set([...matched.values()].map((p) => p.candidate));
  const byTruth = new Map<number, typeof o.pairs>();
  for (const p of o.pairs) (byTruth.get(p.truth) ?? byTruth.set(p.truth, []).get(p.truth)!).push(p);
  // candidates that hold over half of >= 2 truths
  const holds = new Map<number, number>();
  for (const p of o.pairs) if (p.intersection > 0.5 * o.truthAreas[p.truth]) holds.set(p.candidate, (holds.get(p.candidate) ?? 0) + 1);
  for (const t of objectLabels(o.truthAreas)) {
    const row = table[band(o.truthAreas[t])];
    row.truth++;
    const m = matched.get(t);
    if (m) {
      row.matched++;
      row.ratio.push(o.candidateAreas[m.candidate] / o.truthAreas[t]);
      row.iou.push(m.iou);
      continue;
    }
    const ps = byTruth.get(t) ?? [];
    const big = ps.find((p) => p.intersection > 0.5 * o.truthAreas[t]);
    if (big && (holds.get(big.candidate) ?? 0) >= 2) row.merged++;
    else if (ps.filter((p) => p.intersection > 0.1 * o.truthAreas[t]).length >= 2) row.split++;
    else if (ps.reduce((s, p) => s + p.intersection, 0) < 0.25 * o.truthAreas[t]) row.missed++;
    else row.poor++;
  }
  for (const c of objectLabels(o.candidateAreas)) if (!matchedCandidates.has(c)) table[band(o.candidateAreas[c])].fp++;
}
const med = (v: number[]) => (v.length ? [...v].sort((a, b) => a - b)[v.length >> 1] : NaN);
for (const [i, r] of table.entries()) {
  console.log(JSON.stringify({ band: bands[i], ...r, ratio: med(r.ratio).toFixed(3), iou: med(r.iou).toFixed(3), iouBelow09: r.iou.filter((v) => v < 0.9).length }));
}
