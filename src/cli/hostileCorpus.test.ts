import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { hostileCorpus } from '../core/testing/hostileCorpus';

/** The most a single file may grow the CLI process's peak memory: bombs and lying headers must not allocate. */
const MAX_PEAK_GROWTH_MB = 200;

interface Line {
  name: string;
  path: string;
  expect: 'imported' | 'refused';
  code: number;
  message: string;
  peakGrowthMB: number;
}

describe('the hostile corpus through the CLI (a process of its own, to measure its memory)', () => {
  it('refuses every bad file with a message naming it, reads the odd but valid ones, and keeps memory bounded', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/hostile-corpus.ts', 'check'], { cwd: root, maxBuffer: 16 * 2 ** 20 });
    const lines: Line[] = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line.name)).toEqual(hostileCorpus().map((file) => file.name));
    for (const line of lines) {
      if (line.expect === 'refused') {
        expect(line.code, line.name).toBe(1);
        expect(line.message.startsWith(`${line.path}: `), `${line.name}: "${line.message}"`).toBe(true);
      } else {
        expect([line.code, line.message], line.name).toEqual([0, '']);
      }
    }
    const worst = lines.reduce((a, b) => (b.peakGrowthMB > a.peakGrowthMB ? b : a));
    console.log(`hostile corpus: worst peak memory growth ${worst.peakGrowthMB} MB (${worst.name})`);
    expect(worst.peakGrowthMB, worst.name).toBeLessThan(MAX_PEAK_GROWTH_MB);
  });
});
