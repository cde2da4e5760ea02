/** For the CLI's tests: the real file system, with stdout and stderr lines kept instead of printed. */
import { nodeIo, type CliIo } from './main';

export function capture(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [], err: string[] = [];
  return { ...nodeIo, stdout: (line) => out.push(line), stderr: (line) => err.push(line), out, err };
}
