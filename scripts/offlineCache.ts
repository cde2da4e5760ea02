/**
 * Vite plugin: writes the service worker (src/io/serviceWorker.ts) into the build as `sw.js`,
 * with the list of every file the build wrote (bundles, workers, `ort/`, the model, public/) and
 * a version hashed from their contents. The list is read from the output, never kept by hand,
 * and any change to any file gives sw.js new bytes, which is how browsers notice a new version.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { transformWithOxc, type Plugin } from 'vite';
import type { OfflineBuild } from '../src/io/serviceWorker.ts';

const SOURCE = resolve(import.meta.dirname, '../src/io/serviceWorker.ts');
export const SERVICE_WORKER_FILE = 'sw.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** @param headers what every cached file is served with. */
export function offlineCache(headers: Record<string, string>): Plugin {
  let outDir = '';
  return {
    name: 'offline-cache',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    // Once everything is written, public/ included. Source maps are for debugging, not for offline use.
    async closeBundle(error) {
      if (error) return;
      const files = filesUnder(outDir)
        .filter((file) => file !== SERVICE_WORKER_FILE && !file.endsWith('.map'))
        .sort();
      const hash = createHash('sha256');
      for (const file of files) hash.update(`${file} ${createHash('sha256').update(readFileSync(join(outDir, file))).digest('hex')}\n`);
      const build: OfflineBuild = { version: hash.digest('hex').slice(0, 16), files, headers };
      const { code } = await transformWithOxc(readFileSync(SOURCE, 'utf8'), SOURCE, { define: { __OFFLINE_BUILD__: JSON.stringify(build) } });
      // The source is a module only so its declarations stay its own; a classic worker script cannot export.
      const script = code.replace(/^export \{\};\n?/m, '');
      if (/^\s*(import|export)\b/m.test(script)) throw new Error(`${SOURCE} must not import or export values: it runs as a classic script`);
      writeFileSync(join(outDir, SERVICE_WORKER_FILE), script);
    },
  };
}
