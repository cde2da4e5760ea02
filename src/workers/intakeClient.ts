import type { PreparedImage } from '../core/intake';
import type { IntakeRequest, IntakeResponse } from './intakeProtocol';

type Pending = { resolve: (images: PreparedImage[]) => void; reject: (error: Error) => void };
type RequestBody = IntakeRequest extends infer R ? (R extends IntakeRequest ? Omit<R, 'requestId'> : never) : never;
interface PoolEntry {
  worker: Worker;
  /** Requests sent to this worker and not yet answered. */
  pending: Map<number, Pending>;
}

/** Decoding workers: one per spare core (at least one, at most two), created on first use. */
const pool: PoolEntry[] = [];
let nextRequestId = 1;

function spawn(): PoolEntry {
  const worker = new Worker(new URL('./intake.worker.ts', import.meta.url), { type: 'module' });
  const entry: PoolEntry = { worker, pending: new Map() };
  worker.onmessage = (event: MessageEvent<IntakeResponse>) => {
    const response = event.data;
    const request = entry.pending.get(response.requestId);
    entry.pending.delete(response.requestId);
    if (!request) return;
    if (response.ok) request.resolve(response.images);
    else request.reject(new Error(response.message));
  };
  // A crashed worker (e.g. out of memory) fails its requests instead of leaving them hanging.
  worker.onerror = (event) => {
    event.preventDefault();
    pool.splice(pool.indexOf(entry), 1);
    worker.terminate();
    for (const request of entry.pending.values()) request.reject(new Error(`the decoder stopped (${event.message || 'out of memory?'})`));
  };
  return entry;
}

function leastBusyWorker(): PoolEntry {
  const size = Math.max(1, Math.min(2, (navigator.hardwareConcurrency || 2) - 1));
  while (pool.length < size) pool.push(spawn());
  return pool.reduce((best, entry) => (entry.pending.size < best.pending.size ? entry : best));
}

function send(body: RequestBody): Promise<PreparedImage[]> {
  const requestId = nextRequestId++;
  const entry = leastBusyWorker();
  return new Promise((resolve, reject) => {
    entry.pending.set(requestId, { resolve, reject });
    entry.worker.postMessage({ ...body, requestId });
  });
}

/** Decodes one file; rejects with a message naming the file and the reason. */
export async function prepareFileInWorker(file: File): Promise<PreparedImage> {
  const [image] = await send({ kind: 'file', file });
  return image;
}

export function generateDemoInWorker(): Promise<PreparedImage[]> {
  return send({ kind: 'demo' });
}
