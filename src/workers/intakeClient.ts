import type { IntakeProtocol } from './intakeProtocol';
import { WorkerPool } from './rpc';

/** Decoding workers: one per spare core (at least one, at most two), created on first use. */
export const intakeWorkers = new WorkerPool<IntakeProtocol>(
  () => new Worker(new URL('./intake.worker.ts', import.meta.url), { type: 'module' }),
  Math.max(1, Math.min(2, (globalThis.navigator?.hardwareConcurrency || 2) - 1)),
);
