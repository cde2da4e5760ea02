/**
 * The command-line values both sync commands take: `--admin name:password` and repeatable
 * `--user name:password:role`. A bad value is a UsageError naming the option and the reason.
 */
import { ROLES } from '../core/sync/designDoc';
import type { Role } from '../core/review/status';
import type { Credentials, SyncUser } from './setup';

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseCredentials(value: string, option = '--admin'): Credentials {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) throw new UsageError(`${option} wants name:password, got "${value}"`);
  return { name: value.slice(0, colon), password: value.slice(colon + 1) };
}

/** `name:password:role`; the role is the last field, so a password may contain colons. */
export function parseUser(value: string): SyncUser {
  const last = value.lastIndexOf(':');
  const role = value.slice(last + 1);
  if (last < 0 || !ROLES.includes(role as Role)) throw new UsageError(`--user wants name:password:role with role ${ROLES.join(' or ')}, got "${value}"`);
  return { ...parseCredentials(value.slice(0, last), '--user'), role: role as Role };
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port wants a port number (0-65535), got "${value}"`);
  return port;
}
