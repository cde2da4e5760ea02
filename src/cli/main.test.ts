import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeC01 } from '../core/formats/c01';
import { decodePng } from '../core/formats/png';
import { rasterDifference } from '../core/testing/rasters';
import { sharedDataDir } from '../core/testing/sharedData';
import { runCli } from './main';
import { capture } from './capturedIo';

const dir = sharedDataDir();
const temp = mkdtempSync(join(tmpdir(), 'nuclei-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** nodeIo with stdout/stderr captured. */

describe('runCli', () => {
  it('rejects a missing or unknown command and wrong argument counts with exit code 2 and one line', async () => {
    for (const args of [[], ['frobnicate'], ['normalize'], ['normalize', 'a'], ['normalize', 'a', 'b', 'c']]) {
      const io = capture();
      expect(await runCli(args, io), args.join(' ')).toBe(2);
      expect(io.err).toHaveLength(1);
      expect(io.err[0]).not.toContain('\n');
    }
    const io = capture();
    await runCli(['frobnicate'], io);
    expect(io.err[0]).toBe('unknown command "frobnicate" (commands: normalize, roundtrip, rasterize, vectorize, detect, evaluate, convert; "help" lists their arguments)');
  });

  it('prints the usage for help', async () => {
    const io = capture();
    expect(await runCli(['help'], io)).toBe(0);
    expect(io.out.join('\n')).toContain('normalize <input.C01');
  });

  it('fails with exit code 1 and the file name for a missing, unreadable or unwritable file', async () => {
    const missing = capture();
    expect(await runCli(['normalize', join(temp, 'nope.C01'), join(temp, 'x.png')], missing)).toBe(1);
    expect(missing.err).toEqual([`${join(temp, 'nope.C01')}: cannot read the file (ENOENT: no such file or directory)`]);

    const junk = join(temp, 'junk.png');
    writeFileSync(junk, 'not an image at all');
    const bad = capture();
    expect(await runCli(['normalize', junk, join(temp, 'x.png')], bad)).toBe(1);
    expect(bad.err).toEqual([`${junk}: not a supported image (expected PNG, JPEG, TIFF or Cellomics .C01)`]);

    const empty = join(temp, 'empty.C01');
    writeFileSync(empty, '');
    const emptyIo = capture();
    expect(await runCli(['normalize', empty, join(temp, 'x.png')], emptyIo)).toBe(1);
    expect(emptyIo.err).toEqual([`${empty}: the file is empty`]);

    const good = join(temp, 'good.C01');
    writeFileSync(good, encodeC01({ width: 2, height: 1, channels: 1, bitDepth: 16, data: Uint16Array.of(1, 2) }));
    const unwritable = join(temp, 'no-such-folder', 'x.png');
    const writeIo = capture();
    expect(await runCli(['normalize', good, unwritable], writeIo)).toBe(1);
    expect(writeIo.err).toEqual([`${unwritable}: cannot write the file (ENOENT: no such file or directory)`]);
  });
});

describe.skipIf(!dir)('runCli normalize on the shared data', () => {
  // Vitest runs a skipped suite's body too (to list its tests): nothing here may touch the missing folder.
  const base = dir ? join(dir, 'normalization') : '';

  for (const source of ['C01', 'input.png']) {
    it(`writes expected.png's pixels from every .${source}`, async () => {
      for (const name of ['small_gamma_48x64', 'hoechst_like_1104x1104', 'full_range_31x17']) {
        const output = join(temp, `${name}.${source}.png`);
        const io = capture();
        expect(await runCli(['normalize', join(base, `${name}.${source}`), output], io)).toBe(0);
        expect(io.err).toEqual([]);
        const written = decodePng(output, readFileSync(output));
        const expected = decodePng('expected', readFileSync(join(base, `${name}.expected.png`)));
        expect(rasterDifference(written, expected)).toBeNull();
      }
    });
  }

  it('writes an 8-bit input unchanged', async () => {
    const input = join(dir!, 'aitslab-bioimaging1', 'dev', 'MFGTMPcx7_170702000001_B23f07d0.png');
    const output = join(temp, 'eight.png');
    expect(await runCli(['normalize', input, output], capture())).toBe(0);
    expect(rasterDifference(decodePng('out', readFileSync(output)), decodePng('in', readFileSync(input)))).toBeNull();
  });
});

describe('the CLI as a process (npx tsx src/cli/main.ts)', () => {
  const run = promisify(execFile);
  const root = resolve(import.meta.dirname, '../..');
  async function cli(...args: string[]): Promise<{ code: number; stderr: string }> {
    try {
      const { stderr } = await run('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: root });
      return { code: 0, stderr };
    } catch (error) {
      const e = error as { code: number; stderr: string };
      return { code: e.code, stderr: e.stderr };
    }
  }
  /** npm may print its own config warnings on stderr; only the CLI's lines matter. */
  const ownLines = (stderr: string) => stderr.split('\n').filter((l) => l && !l.startsWith('npm warn'));

  it('exits 0 on success, 1 for a bad file and 2 for a usage error', async () => {
    const input = join(temp, 'generated.C01');
    writeFileSync(input, encodeC01({ width: 4, height: 2, channels: 1, bitDepth: 16, data: Uint16Array.of(0, 100, 200, 300, 400, 500, 600, 700) }));
    const output = join(temp, 'generated.png');
    const ok = await cli('normalize', input, output);
    expect(ownLines(ok.stderr)).toEqual([]);
    expect(ok.code).toBe(0);
    expect(decodePng(output, readFileSync(output))).toMatchObject({ width: 4, height: 2, channels: 1, bitDepth: 8 });

    const bad = await cli('normalize', join(temp, 'missing.C01'), output);
    expect(bad.code).toBe(1);
    expect(ownLines(bad.stderr)).toEqual([`${join(temp, 'missing.C01')}: cannot read the file (ENOENT: no such file or directory)`]);

    const usage = await cli('normalize');
    expect(usage.code).toBe(2);
    expect(ownLines(usage.stderr)).toHaveLength(1);
  });
});
