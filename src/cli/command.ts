/** What CLI commands are made of; separate from main.ts so commands never import the entry point. */

/** What a command may touch, so tests can run commands in-process. */
export interface CliIo {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** Creates a folder and its parents; no error when it exists. */
  makeDir(path: string): Promise<void>;
  /** The names in a folder, or null when `path` is not a folder. */
  listDir(path: string): Promise<string[] | null>;
  stdout(line: string): void;
  stderr(line: string): void;
}

export interface CliCommand {
  /** Arguments after the command name, for the usage text, e.g. "<input> <output.png>". */
  args: string;
  summary: string;
  /** Returns the exit code; may throw UsageError (exit 2) or any error (exit 1, message shown). */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Thrown by a command for wrong arguments: the message plus the usage line go to stderr. */
export class UsageError extends Error {
  override name = 'UsageError';
}
