// Smoke test of the training script (training itself is not part of the tests): a few
// iterations on 64 px crops of one train image must write an ONNX file whose output, run by
// the app's runtime, matches torch's. Needs Debian's python3-torch and friends
// (scripts/ensure-python-deps.sh installs them); skipped without them unless
// REQUIRE_SHARED_DATA=1 (CI), where a missing prerequisite fails with what to install.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOnnxRunner } from '../src/cli/onnxSession';
import { sharedDataDir } from '../src/core/testing/sharedData';

const PYTHON = '/usr/bin/python3'; // Debian's, where apt installs python3-torch
const required = process.env.REQUIRE_SHARED_DATA === '1';

function missingPrerequisite(): string | null {
  try {
    execFileSync(PYTHON, ['-c', 'import torch, onnx, scipy, skimage, numpy'], { stdio: 'pipe' });
    return null;
  } catch {
    return `${PYTHON} cannot import torch, onnx, scipy, skimage and numpy: run scripts/ensure-python-deps.sh (apt-get install -y python3-torch python3-onnx python3-scipy python3-skimage python3-numpy)`;
  }
}

const missing = missingPrerequisite();
const data = sharedDataDir();
const temp = mkdtempSync(join(tmpdir(), 'nuclei-train-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('model/train.py --smoke', () => {
  it.runIf(required)('has its prerequisites', () => {
    expect(missing).toBeNull();
  });

  it.skipIf(missing !== null || !data)('trains on a tiny crop and writes an ONNX file that matches torch', async () => {
    const out = join(temp, 'smoke.onnx');
    const script = resolve(import.meta.dirname, 'train.py');
    await promisify(execFile)(PYTHON, [script, '--smoke', '--data', join(data!, 'aitslab-bioimaging1'), '--out', out], { timeout: 60_000 });
    expect(existsSync(out)).toBe(true);
    const check = JSON.parse(readFileSync(join(temp, 'smoke.check.json'), 'utf8')) as { height: number; width: number; input: number[]; output: number[] };
    const runner = await loadOnnxRunner(out);
    const got = await runner.run(Float32Array.from(check.input), check.height, check.width);
    expect(got.length).toBe(check.output.length);
    expect(Math.max(...check.output.map((v, i) => Math.abs(v - got[i])))).toBeLessThan(1e-4);
  }, 90_000);
});
