/** Command-line options of the form `--name value` (or a bare `--flag`), for the commands that take them. */
import { UsageError } from './command';

/** In `allowed`: an option without a value; present, it reads "true". */
export const FLAG = 'flag';

export interface ParsedArgs {
  positional: string[];
  options: Record<string, string>;
}

/**
 * Splits `args` into positional arguments and `--name value` options. `allowed` maps each
 * option name to its permitted values (null: any value; FLAG: none). Throws UsageError for an
 * unknown option, a missing value, a value not permitted, or an option given twice.
 */
export function parseArgs(args: string[], allowed: Record<string, readonly string[] | null | typeof FLAG>): ParsedArgs {
  const positional: string[] = [], options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (!Object.hasOwn(allowed, name)) throw new UsageError(`unknown option ${arg}`);
    if (Object.hasOwn(options, name)) throw new UsageError(`${arg} given twice`);
    const values = allowed[name];
    if (values === FLAG) {
      options[name] = 'true';
      continue;
    }
    const value = args[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
    if (values && !values.includes(value)) throw new UsageError(`${arg} must be one of ${values.join(', ')}, not "${value}"`);
    options[name] = value;
  }
  return { positional, options };
}
