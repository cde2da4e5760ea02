/** Command-line options of the form `--name value`, for the commands that take them. */
import { UsageError } from './command';

export interface ParsedArgs {
  positional: string[];
  options: Record<string, string>;
}

/**
 * Splits `args` into positional arguments and `--name value` options. `allowed` maps each
 * option name to its permitted values (null: any value). Throws UsageError for an unknown
 * option, a missing value, a value not permitted, or an option given twice.
 */
export function parseArgs(args: string[], allowed: Record<string, readonly string[] | null>): ParsedArgs {
  const positional: string[] = [], options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (!Object.hasOwn(allowed, name)) throw new UsageError(`unknown option ${arg}`);
    const value = args[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
    const values = allowed[name];
    if (values && !values.includes(value)) throw new UsageError(`${arg} must be one of ${values.join(', ')}, not "${value}"`);
    if (Object.hasOwn(options, name)) throw new UsageError(`${arg} given twice`);
    options[name] = value;
  }
  return { positional, options };
}
