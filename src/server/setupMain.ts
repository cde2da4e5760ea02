/**
 * `npm run sync-setup -- <couchdb url> --admin name:password [--db nuclei] [--user name:password:role]...`
 * Prepares a real CouchDB 3 for a project (see setup.ts) and prints each step. Exit codes: 0
 * done, 1 the server refused or could not be reached, 2 usage error.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseCredentials, parseUser, UsageError } from './args';
import { DEFAULT_DB, setUpProject, SetupError, type SetupOptions } from './setup';

const USAGE = `usage: npm run sync-setup -- <couchdb url> --admin name:password [--db ${DEFAULT_DB}] [--user name:password:annotator|reviewer]...`;

export function parseSetupArgs(args: string[]): { url: string; options: SetupOptions } {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { admin: { type: 'string' }, db: { type: 'string' }, user: { type: 'string', multiple: true } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('give the CouchDB server\'s URL, e.g. https://couch.example.org:6984');
  let url: URL;
  try {
    url = new URL(positionals[0]);
  } catch {
    throw new UsageError(`"${positionals[0]}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`"${positionals[0]}" is not an http(s) URL`);
  if (url.username || url.password) throw new UsageError('give the admin with --admin name:password, not in the URL');
  if (!values.admin) throw new UsageError('--admin name:password is required (a server admin of the CouchDB)');
  return { url: url.href, options: { admin: parseCredentials(values.admin), db: values.db ?? DEFAULT_DB, users: (values.user ?? []).map(parseUser) } };
}

async function main(): Promise<void> {
  try {
    const { url, options } = parseSetupArgs(process.argv.slice(2));
    for (const step of await setUpProject(url, options)) process.stdout.write(`${step}\n`);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    if (error instanceof SetupError) {
      process.stderr.write(`sync-setup: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
