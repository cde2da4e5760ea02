// The shipped weights (public/models/nuclei.onnx) in Node through the app's runtime: size,
// agreement with torch on the sample saved at export, and a quality floor on two DEV images
// (the benchmark, bench/model.bench.ts, reports the test split).
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareImage } from '../core/intake';
import { decodeMask } from '../core/mask/decodeMask';
import { matchLabels, poolCounts, scores, scoresAt } from '../core/metrics/scores';
import { detectObjects } from '../core/model/runtime';
import { sharedDataDir } from '../core/testing/sharedData';
import { loadOnnxRunner, MODEL_PATH } from './onnxSession';

const dir = sharedDataDir();
const check = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../model/export-check.json'), 'utf8')) as { height: number; width: number; input: number[]; output: number[] };

describe('shipped model', () => {
  it('is at most 8 MB and reproduces torch on the export sample', async () => {
    expect(statSync(MODEL_PATH).size).toBeLessThanOrEqual(8 * 1024 * 1024);
    const runner = await loadOnnxRunner();
    const got = await runner.run(Float32Array.from(check.input), check.height, check.width);
    expect(Math.max(...check.output.map((v, i) => Math.abs(v - got[i])))).toBeLessThan(1e-4);
  });

  it.skipIf(!dir)('finds the objects of two dev images with F1 > 0.9 at IoU 0.5', async () => {
    const dev = join(dir!, 'aitslab-bioimaging1', 'dev');
    const runner = await loadOnnxRunner();
    const counts = [];
    for (const name of ['MFGTMPcx7_170702000001_B23f07d0', 'MFGTMPcx7_170702000001_F11f10d0']) {
      const image = prepareImage(`${name}.png`, new Uint8Array(readFileSync(join(dev, `${name}.png`)))).display;
      const truth = decodeMask(`${name}_objects.png`, new Uint8Array(readFileSync(join(dev, `${name}_objects.png`)))).labels;
      counts.push(matchLabels(truth, (await detectObjects(runner, image)).instances.labels));
    }
    expect(scoresAt(scores(poolCounts(counts)), 0.5).f1).toBeGreaterThan(0.9);
  });
});
