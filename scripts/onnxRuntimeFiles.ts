/**
 * Vite plugin: serves and ships onnxruntime-web's WASM runtime as separate files under `ort/`
 * on the app's own origin. The runtime must stay a file of its own: its WASM threads start
 * workers from that very module, which a bundle would turn into the app's worker instead.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/** The files the JSEP build (WebGPU, else WASM) loads at run time, from `ort/` beside index.html. */
export const ORT_FILES = ['ort-wasm-simd-threaded.jsep.mjs', 'ort-wasm-simd-threaded.jsep.wasm'];
const DIST = resolve(import.meta.dirname, '../node_modules/onnxruntime-web/dist');
const TYPES: Record<string, string> = { mjs: 'text/javascript', wasm: 'application/wasm' };

export function onnxRuntimeFiles(): Plugin {
  return {
    name: 'onnxruntime-files',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const name = request.url?.split('?')[0].match(/\/ort\/([^/]+)$/)?.[1];
        if (!name || !ORT_FILES.includes(name)) return next();
        response.setHeader('Content-Type', TYPES[name.split('.').pop()!]);
        response.end(readFileSync(resolve(DIST, name)));
      });
    },
    generateBundle() {
      for (const name of ORT_FILES) this.emitFile({ type: 'asset', fileName: `ort/${name}`, source: readFileSync(resolve(DIST, name)) });
    },
  };
}
