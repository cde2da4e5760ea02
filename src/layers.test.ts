/**
 * The layering rule of the design brief, enforced: dependencies point one way,
 * core <- io, workers <- store <- tools <- canvas / ui, with the CLI and the dev sync server over
 * core alone. Every
 * non-test file under src/ is read and each of its imports checked against its folder's rule;
 * core is also compiled without the DOM library.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = import.meta.dirname;

type Layer = 'core' | 'io' | 'workers' | 'store' | 'tools' | 'canvas' | 'ui' | 'cli' | 'server';

/** Which layers each layer may import from (its own included). */
export const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  core: ['core'],
  io: ['core', 'io'],
  workers: ['core', 'io', 'workers'],
  store: ['core', 'io', 'workers', 'store'],
  tools: ['core', 'store', 'tools'],
  canvas: ['core', 'store', 'tools', 'canvas'],
  ui: ['core', 'store', 'tools', 'canvas', 'ui'],
  cli: ['core', 'cli'],
  server: ['core', 'server'],
};

const UI_LIBRARIES = ['react', 'react-dom', 'react/jsx-runtime', 'konva', 'react-konva'];

/** Packages a layer must not import, whatever else it may. */
export const FORBIDDEN_PACKAGES: Record<Layer, readonly string[]> = {
  // Runs unchanged in the browser, in workers and in Node: no UI, state, storage or Node modules.
  core: [...UI_LIBRARIES, 'zustand', 'idb', 'node:'],
  io: [...UI_LIBRARIES, 'zustand'],
  workers: [...UI_LIBRARIES, 'zustand'],
  store: UI_LIBRARIES,
  tools: UI_LIBRARIES,
  canvas: [],
  ui: [],
  cli: [...UI_LIBRARIES, 'zustand', 'idb'],
  // Node only (Apache CouchDB's stand-in for development and CI); the app never imports it.
  server: [...UI_LIBRARIES, 'zustand', 'idb'],
};

/** The app's entry point composes everything; it is held to the ui rule. */
const ENTRY = 'main.tsx';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path); // test helpers
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

export function layerOf(file: string): Layer | null {
  const path = relative(SRC, file);
  if (path === ENTRY) return 'ui';
  const top = path.split(/[/\\]/)[0];
  return top in MAY_IMPORT ? (top as Layer) : null;
}

/** Code without comments, so words in doc comments are not taken for imports or globals. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

export function importsOf(text: string): string[] {
  const source = code(text);
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, /new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]));
}

/** Every rule broken by one file, in words. */
export function violations(file: string, text: string): string[] {
  const layer = layerOf(file);
  if (!layer) return [`${relative(SRC, file)} is in no layer (put it under one of ${Object.keys(MAY_IMPORT).join(', ')})`];
  const found: string[] = [];
  const name = relative(SRC, file);
  for (const specifier of importsOf(text)) {
    if (specifier.startsWith('.')) {
      const target = resolve(dirname(file), specifier);
      const targetLayer = layerOf(target);
      if (!targetLayer || !MAY_IMPORT[layer].includes(targetLayer)) found.push(`${name} (${layer}) imports ${specifier} (${targetLayer ?? 'outside src'})`);
    } else if (FORBIDDEN_PACKAGES[layer].some((pkg) => specifier === pkg || specifier.startsWith(pkg.endsWith(':') ? pkg : `${pkg}/`))) {
      found.push(`${name} (${layer}) imports the package ${specifier}`);
    }
  }
  return found;
}

describe('layers', () => {
  const files = sourceFiles(SRC);

  it('finds the source files of every layer', () => {
    const layers = new Set(files.map(layerOf));
    for (const layer of Object.keys(MAY_IMPORT)) expect(layers, layer).toContain(layer);
  });

  it('every import points the allowed way', () => {
    expect(files.flatMap((file) => violations(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('core compiles without the DOM: only what browsers, workers and Node all have (core/platform.d.ts)', () => {
    const result = spawnSync('npx', ['tsc', '--noEmit', '-p', join(SRC, 'core')], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('catches imports that point the wrong way', () => {
    const at = (path: string) => join(SRC, path);
    expect(violations(at('core/x.ts'), "import { useAppStore } from '../store/store';\nimport React from 'react';")).toEqual([
      'core/x.ts (core) imports ../store/store (store)',
      'core/x.ts (core) imports the package react',
    ]);
    expect(violations(at('core/x.ts'), "import { readFileSync } from 'node:fs';")).toEqual(['core/x.ts (core) imports the package node:fs']);
    expect(violations(at('core/x.ts'), "/** Not an import: import x from '../ui/App'. */\nexport const a = 1;")).toEqual([]);
    expect(violations(at('ui/Panel.tsx'), "import { loadObjects } from '../io/db';")).toEqual(['ui/Panel.tsx (ui) imports ../io/db (io)']);
    expect(violations(at('canvas/Shape.tsx'), "import { Modal } from '../ui/Modal';")).toEqual(['canvas/Shape.tsx (canvas) imports ../ui/Modal (ui)']);
    expect(violations(at('tools/select/idle.ts'), "import Konva from 'konva';\nimport { x } from '../../store/store';")).toEqual(['tools/select/idle.ts (tools) imports the package konva']);
    expect(violations(at('workers/a.worker.ts'), "const w = new Worker(new URL('../ui/App.tsx', import.meta.url));")).toEqual(['workers/a.worker.ts (workers) imports ../ui/App.tsx (ui)']);
    expect(violations(at('store/actions/a.ts'), "import { transition } from '../../tools/machine';")).toEqual(['store/actions/a.ts (store) imports ../../tools/machine (tools)']);
  });
});
