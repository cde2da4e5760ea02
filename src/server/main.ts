/**
 * `npm run sync-server -- --data <dir> [--port 5984] [--host 127.0.0.1] [--in-memory]
 *  [--admin name:password] [--db nuclei] [--user name:password:role]... [--origin url]...`
 * Prints one line when it answers, stops on SIGTERM or SIGINT. Exit codes: 0 stopped, 1 could
 * not start, 2 usage error.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseCredentials, parsePort, parseUser, UsageError } from './args';
import { DEFAULT_DB } from './setup';
import { DEFAULT_PORT, DEV_ADMIN, startSyncServer, type SyncServerOptions } from './syncServer';

const USAGE = `usage: npm run sync-server -- (--data <dir> | --in-memory) [--port ${DEFAULT_PORT}] [--host 127.0.0.1]
  [--admin name:password (default ${DEV_ADMIN.name}:${DEV_ADMIN.password})] [--db ${DEFAULT_DB}]
  [--user name:password:annotator|reviewer]... [--origin http://host:port]...`;

export function parseServerArgs(args: string[]): SyncServerOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        data: { type: 'string' },
        'in-memory': { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        admin: { type: 'string' },
        db: { type: 'string' },
        user: { type: 'string', multiple: true },
        origin: { type: 'string', multiple: true },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.data === !values['in-memory']) throw new UsageError('give either --data <dir> (kept) or --in-memory (gone at exit)');
  return {
    dataDir: values.data ?? null,
    host: values.host ?? '127.0.0.1',
    port: values.port === undefined ? DEFAULT_PORT : parsePort(values.port),
    admin: values.admin === undefined ? DEV_ADMIN : parseCredentials(values.admin),
    db: values.db ?? DEFAULT_DB,
    users: (values.user ?? []).map(parseUser),
    origins: values.origin ?? [],
  };
}

async function main(): Promise<void> {
  let options: SyncServerOptions;
  try {
    options = parseServerArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  let server;
  try {
    server = await startSyncServer(options);
  } catch (error) {
    process.stderr.write(`sync server did not start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`sync server on ${server.url}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
