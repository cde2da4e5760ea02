/**
 * The one place Node code touches onnxruntime: onnxruntime-web's WASM backend, the same
 * kernels the app runs in its Web Worker, so the CLI, the tests and the benchmark measure what
 * the browser gets and the project needs one runtime package, without native binaries.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import { MODEL_FILE, type SessionRunner } from '../core/model/runtime';

/** The shipped weights, from the repository's public folder. */
export const MODEL_PATH = resolve(import.meta.dirname, '../../public', MODEL_FILE);

/**
 * Loads an ONNX model (input "image" [1, 1, H, W], output "maps" [1, 2, H, W]) and returns a
 * runner for it. `threads`: WASM threads (worker_threads in Node), default 2 = this machine's
 * cores; set once per process, by the first session created.
 */
export async function loadOnnxRunner(path = MODEL_PATH, threads = 2): Promise<SessionRunner> {
  const bytes = await readFile(path).catch((error: unknown) => {
    throw new Error(`${path}: cannot read the model (${error instanceof Error ? error.message : String(error)})`);
  });
  ort.env.wasm.numThreads = threads;
  const session = await ort.InferenceSession.create(new Uint8Array(bytes), { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  return {
    async run(input, height, width) {
      const feeds = { image: new ort.Tensor('float32', input, [1, 1, height, width]) };
      const { maps } = await session.run(feeds);
      const data = maps.data as Float32Array;
      maps.dispose();
      return data;
    },
  };
}
