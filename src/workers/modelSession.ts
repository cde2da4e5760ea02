/**
 * The browser's binding of the nucleus model (for the segmentation worker; not wired yet):
 * onnxruntime-web's WASM backend, the weights fetched from the app's own origin
 * (public/models/nuclei.onnx), never from elsewhere. The Node binding is src/cli/onnxSession.ts.
 *
 * Threads: WASM threads need SharedArrayBuffer, i.e. a cross-origin isolated page (COOP
 * same-origin + COEP require-corp headers); without it onnxruntime-web runs one thread, about
 * 1.6 times slower on a 2-core machine.
 */
import * as ort from 'onnxruntime-web';
import { MODEL_FILE, type SessionRunner } from '../core/model/runtime';

export interface BrowserModelOptions {
  /** URL of the app's root (the worker's import.meta.env.BASE_URL resolved against its location). */
  baseUrl: string;
  /** Where onnxruntime-web's .wasm/.mjs files are served; default: where the bundler put them. */
  wasmPaths?: string;
  /** WASM threads; default: the machine's cores when cross-origin isolated, else 1. */
  threads?: number;
}

/** Loads the shipped model; rejects with a message naming the URL when it cannot be fetched. */
export async function loadBrowserRunner({ baseUrl, wasmPaths, threads }: BrowserModelOptions): Promise<SessionRunner> {
  const url = new URL(MODEL_FILE, baseUrl).href;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: cannot load the nucleus model (HTTP ${response.status})`);
  if (wasmPaths) ort.env.wasm.wasmPaths = wasmPaths;
  ort.env.wasm.numThreads = threads ?? (globalThis.crossOriginIsolated ? navigator.hardwareConcurrency : 1);
  const session = await ort.InferenceSession.create(new Uint8Array(await response.arrayBuffer()), { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  return {
    async run(input, height, width) {
      const { maps } = await session.run({ image: new ort.Tensor('float32', input, [1, 1, height, width]) });
      const data = maps.data as Float32Array;
      maps.dispose();
      return data;
    },
  };
}
