/**
 * The browser's binding of the nucleus model, for the segmentation worker: onnxruntime-web
 * (WebGPU when the browser has it, else WASM), the weights and the runtime's own .wasm files
 * fetched from the app's own origin, never from elsewhere. The Node binding is src/cli/onnxSession.ts.
 *
 * Threads: WASM threads need SharedArrayBuffer, i.e. a cross-origin isolated page (COOP
 * same-origin + COEP require-corp headers, which the app's dev and preview servers send);
 * without it onnxruntime-web runs one thread, about 1.6 times slower on a 2-core machine.
 */
import * as ort from 'onnxruntime-web';
import { MODEL_FILE, type SessionRunner } from '../core/model/runtime';

/**
 * Loads the shipped model from the app at `appUrl` (its page's base URL); rejects with a message
 * naming the URL when it cannot be fetched.
 */
export async function loadBrowserRunner(appUrl: string): Promise<SessionRunner> {
  const modelUrl = new URL(MODEL_FILE, appUrl).href;
  const response = await fetch(modelUrl);
  if (!response.ok) throw new Error(`${modelUrl}: cannot load the nucleus model (HTTP ${response.status})`);
  ort.env.wasm.wasmPaths = new URL('ort/', appUrl).href; // see scripts/onnxRuntimeFiles.ts
  ort.env.wasm.numThreads = globalThis.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  const providers = gpu && (await gpu.requestAdapter().catch(() => null)) ? ['webgpu', 'wasm'] : ['wasm'];
  const session = await ort.InferenceSession.create(new Uint8Array(await response.arrayBuffer()), { executionProviders: providers, graphOptimizationLevel: 'all' });
  return {
    async run(input, height, width) {
      const { maps } = await session.run({ image: new ort.Tensor('float32', input, [1, 1, height, width]) });
      const data = (await maps.getData()) as Float32Array;
      maps.dispose();
      return data;
    },
  };
}
