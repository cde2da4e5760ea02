import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

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

/** The dataset's 50 instance masks (`_objects.png` of train, dev and test), as paths; none without the data. */
export function datasetMaskFiles(): string[] {
  const dir = sharedDataDir();
  if (!dir) return [];
  const base = join(dir, 'aitslab-bioimaging1');
  return ['train', 'dev', 'test'].flatMap((split) => readdirSync(join(base, split)).filter((name) => name.endsWith('_objects.png')).map((name) => join(base, split, name)));
}
