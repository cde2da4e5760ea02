import type { SegmentProtocol } from './segmentProtocol';
import { WorkerPool } from './rpc';

/** One segmentation worker: the model's session and the kept results live in it. */
export const segmentWorker = new WorkerPool<SegmentProtocol>(() => new Worker(new URL('./segment.worker.ts', import.meta.url), { type: 'module' }), 1);
