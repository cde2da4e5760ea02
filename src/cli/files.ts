/** File access for commands, with errors that name the file (exit code 1 through runCli). */
import type { CliIo } from './command';

export async function readInput(io: CliIo, path: string): Promise<Uint8Array> {
  return io.readFile(path).catch((error: unknown) => {
    throw new Error(`${path}: cannot read the file (${ioReason(error)})`);
  });
}

export async function writeOutput(io: CliIo, path: string, data: Uint8Array | string): Promise<void> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  await io.writeFile(path, bytes).catch((error: unknown) => {
    throw new Error(`${path}: cannot write the file (${ioReason(error)})`);
  });
}

export async function makeOutputDir(io: CliIo, path: string): Promise<void> {
  await io.makeDir(path).catch((error: unknown) => {
    throw new Error(`${path}: cannot create the folder (${ioReason(error)})`);
  });
}

/** Node's "ENOENT: no such file or directory, open 'x'" without the repeated path. */
export function ioReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message.replace(/,\s*\w+\s+'[^']*'$/, '');
}
