import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Locates `../shared/data` beside the project. Tests that need it run whenever it is present;
 * with REQUIRE_SHARED_DATA=1 (CI) a missing folder is an error, never a silent skip.
 */
export function sharedDataDir(): string | null {
  const dir = resolve(import.meta.dirname, '../../../../shared/data');
  if (existsSync(dir)) return dir;
  if (process.env.REQUIRE_SHARED_DATA === '1') {
    throw new Error(`REQUIRE_SHARED_DATA=1 but the shared data folder is missing: ${dir}`);
  }
  return null;
}
