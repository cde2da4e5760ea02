import type { MasksProtocol } from './masksProtocol';
import { WorkerPool } from './rpc';

/**
 * The masks workers: two, one of them kept for interactive jobs (the open image's export, a
 * dropped mask), so a project export or the dashboard's corrections never hold them up.
 */
export const masksWorkers = new WorkerPool<MasksProtocol>(() => new Worker(new URL('./masks.worker.ts', import.meta.url), { type: 'module' }), 2, true);
