import type { PreparedImage } from '../core/intake';
import { WorkerClient } from './rpc';

/** Decoding workers: one per spare core (at least one, at most two), created on first use. */
const pool: WorkerClient[] = [];

function leastBusyWorker(): WorkerClient {
  const size = Math.max(1, Math.min(2, (navigator.hardwareConcurrency || 2) - 1));
  while (pool.length < size) {
    const worker = new Worker(new URL('./intake.worker.ts', import.meta.url), { type: 'module' });
    const client: WorkerClient = new WorkerClient(worker, () => pool.splice(pool.indexOf(client), 1));
    pool.push(client);
  }
  return pool.reduce((best, client) => (client.busy < best.busy ? client : best));
}

/** Decodes one file; rejects with a message naming the file and the reason. */
export async function prepareFileInWorker(file: File): Promise<PreparedImage> {
  const [image] = await leastBusyWorker().call<PreparedImage[]>({ kind: 'file', file });
  return image;
}

export function generateDemoInWorker(): Promise<PreparedImage[]> {
  return leastBusyWorker().call<PreparedImage[]>({ kind: 'demo' });
}
