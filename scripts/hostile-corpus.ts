/**
 * The hostile corpus (src/core/testing/hostileCorpus.ts), on disk and through the CLI.
 *   npm run --silent hostile-corpus -- write <dir>   writes every file into <dir>
 *   npm run --silent hostile-corpus -- check         runs each through the CLI (images: normalize,
 *     masks: roundtrip, CVAT XML: rasterize) in this process and prints one JSON line per file:
 *     its exit code, its message, and how much the process's peak memory grew while reading it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostileCorpus, type CorpusFile } from '../src/core/testing/hostileCorpus';
import { nodeIo, runCli } from '../src/cli/main';

const [command, target] = process.argv.slice(2);
const corpus = hostileCorpus();

function writeCorpus(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const file of corpus) writeFileSync(join(dir, file.name), file.bytes);
}

function cliArgs(file: CorpusFile, path: string, out: string): string[] {
  if (file.kind === 'image') return ['normalize', path, join(out, 'normalized.png')];
  if (file.kind === 'mask') return ['roundtrip', path];
  return ['rasterize', path, '--out', join(out, 'masks')];
}

async function check(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  try {
    writeCorpus(dir);
    for (const file of corpus) {
      const path = join(dir, file.name);
      const messages: string[] = [];
      const peakBefore = process.resourceUsage().maxRSS;
      const code = await runCli(cliArgs(file, path, dir), { ...nodeIo, stdout: () => {}, stderr: (line) => messages.push(line) });
      const peakGrowthMB = Math.round((process.resourceUsage().maxRSS - peakBefore) / 1024);
      console.log(JSON.stringify({ name: file.name, path, kind: file.kind, expect: file.expect, code, message: messages.join('\n'), peakGrowthMB }));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (command === 'write' && target) writeCorpus(target);
else if (command === 'check') await check();
else {
  console.error('usage: hostile-corpus.ts write <dir> | check');
  process.exit(2);
}
