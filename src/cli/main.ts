/**
 * Command line over `core` for batch work: `npm run --silent cli -- <command> [args]`.
 * Commands live in a table, each with its own usage line, so new ones (roundtrip, rasterize,
 * vectorize, ...) are one entry each. Exit codes: 0 success, 1 bad input file or I/O failure,
 * 2 usage error (unknown command, missing or extra arguments).
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, type CliCommand, type CliIo } from './command';
import { detectCommand } from './detect';
import { evaluateCommand } from './evaluate';
import { convertCommand } from './convert';
import { rasterizeCommand, roundtripCommand, vectorizeCommand } from './masks';
import { normalizeCommand } from './normalize';

export { UsageError, type CliCommand, type CliIo };

export const COMMANDS: Record<string, CliCommand> = {
  normalize: normalizeCommand,
  roundtrip: roundtripCommand,
  rasterize: rasterizeCommand,
  vectorize: vectorizeCommand,
  detect: detectCommand,
  evaluate: evaluateCommand,
  convert: convertCommand,
};

export const nodeIo: CliIo = {
  readFile: async (path) => new Uint8Array(await readFile(path)),
  writeFile: (path, data) => writeFile(path, data),
  makeDir: async (path) => void (await mkdir(path, { recursive: true })),
  listDir: async (path) => ((await stat(path).catch(() => null))?.isDirectory() ? readdir(path) : null),
  stdout: (line) => process.stdout.write(line + '\n'),
  stderr: (line) => process.stderr.write(line + '\n'),
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name} ${c.args}\n      ${c.summary}`);
  return `usage: npm run --silent cli -- <command> [args]\ncommands:\n${lines.join('\n')}`;
}

/**
 * Runs one command line (without "node main.ts"); returns the process exit code. Every failure
 * is reported as one line on stderr; only `help` prints the full usage (on stdout).
 */
export async function runCli(args: string[], io: CliIo = nodeIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === 'help' || name === '--help' || name === '-h') {
    io.stdout(usage());
    return 0;
  }
  const commands = Object.keys(COMMANDS).join(', ');
  if (name === undefined) {
    io.stderr(`missing command (commands: ${commands}; "help" lists their arguments)`);
    return 2;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(`unknown command "${name}" (commands: ${commands}; "help" lists their arguments)`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message} (usage: ${name} ${command.args})`);
      return 2;
    }
    io.stderr(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

// Run only when executed as a script, not when a test imports runCli.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runCli(process.argv.slice(2));
}
