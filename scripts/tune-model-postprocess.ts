// Chooses the model's post-processing (DEFAULT_LABEL_PARAMS) on the DEV split only: runs the
// network once per dev image, then labels the maps with every combination of a small grid and
// prints the pooled F1 at IoU 0.5 / 0.7 / 0.9 and the small-object recall, best (by the mean
// of the three F1) last.
// `npx tsx scripts/tune-model-postprocess.ts [model.onnx]` (default: the shipped model)
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadOnnxRunner } from '../src/cli/onnxSession';
import { prepareImage } from '../src/core/intake';
import { decodeMask } from '../src/core/mask/decodeMask';
import { matchLabels, poolCounts, scores, scoresAt } from '../src/core/metrics/scores';
import { labelInstances, type LabelParams } from '../src/core/model/instances';
import { predictMaps } from '../src/core/model/runtime';

const dir = resolve(import.meta.dirname, '../../shared/data/aitslab-bioimaging1/dev');
const runner = await loadOnnxRunner(process.argv[2]);
const cases = [];
for (const file of readdirSync(dir).filter((n) => n.endsWith('.png') && !n.endsWith('_objects.png'))) {
  const maskFile = file.replace(/\.png$/, '_objects.png');
  const maps = await predictMaps(runner, prepareImage(file, new Uint8Array(readFileSync(join(dir, file)))).display);
  cases.push({ maps, truth: decodeMask(maskFile, new Uint8Array(readFileSync(join(dir, maskFile)))).labels });
}
const results = [];
for (const foregroundThreshold of [0.4, 0.5, 0.6]) {
  for (const seedThreshold of [0.2, 0.3, 0.4, 0.5, 0.6]) {
    for (const mergeRatio of [1.01, 0.9, 0.8, 0.7, 0.6]) {
      for (const minArea of [8, 12, 16]) {
        const params: LabelParams = { foregroundThreshold, seedThreshold, minArea, mergeRatio };
        const all = scores(poolCounts(cases.map((c) => matchLabels(c.truth, labelInstances(c.maps, params).labels))));
        const f1 = [0.5, 0.7, 0.9].map((t) => scoresAt(all, t).f1);
        results.push({ params, f1, small: scoresAt(all, 0.5).smallRecall, mean: f1.reduce((a, b) => a + b) / 3 });
      }
    }
  }
}
for (const r of results.sort((a, b) => a.mean - b.mean)) {
  console.log(JSON.stringify({ ...r.params, f1: r.f1.map((v) => v.toFixed(4)), small: r.small.toFixed(4), mean: r.mean.toFixed(4) }));
}
