/**
 * Typed, cancellable jobs on Web Workers. A protocol maps each job kind to its body, result and
 * progress types, so callers and handlers are checked against the same table (no casts at call
 * sites). The client side is a pool: each worker runs one job at a time, interactive jobs go
 * before queued background ones, and with `reserve` one worker is kept for interactive jobs, so
 * a long export never holds up the mask of the image just edited.
 *
 * Messages: to the worker { requestId, kind, body } and { cancel: requestId }; from it
 * { requestId, progress }, then { requestId, ok: true, result } or { requestId, ok: false,
 * message, aborted }. A crashed worker fails its job and is replaced on the next call.
 */

export type Protocol = Record<string, { body: unknown; result: unknown; progress?: unknown }>;

type ProgressOf<Q extends Protocol, K extends keyof Q> = Q[K] extends { progress: infer P } ? P : never;

export type Priority = 'interactive' | 'background';

export interface CallOptions<P> {
  transfer?: Transferable[];
  onProgress?: (progress: P) => void;
  /** Aborting rejects the call with an AbortError and stops the job where it next checks. */
  signal?: AbortSignal;
  /** Default 'interactive'. */
  priority?: Priority;
}

type Reply =
  | { requestId: number; progress: unknown }
  | { requestId: number; ok: true; result: unknown }
  | { requestId: number; ok: false; message: string; name: string; aborted: boolean };

interface Job {
  requestId: number;
  message: { requestId: number; kind: string; body: unknown };
  transfer: Transferable[];
  priority: Priority;
  onProgress?: (progress: never) => void;
  resolve: (result: never) => void;
  reject: (error: Error) => void;
  signal?: AbortSignal;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

export function abortError(): DOMException {
  return new DOMException('cancelled', 'AbortError');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export class WorkerPool<Q extends Protocol> {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;

  /**
   * @param size workers at most (created on demand).
   * @param reserve keep one worker for interactive jobs when there are two or more.
   */
  constructor(
    private readonly create: () => Worker,
    private readonly size: number,
    private readonly reserve = false,
  ) {}

  /** Jobs queued or running. */
  get busy(): number {
    return this.queue.length + this.slots.filter((slot) => slot.job).length;
  }

  call<K extends keyof Q & string>(kind: K, body: Q[K]['body'], options: CallOptions<ProgressOf<Q, K>> = {}): Promise<Q[K]['result']> {
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) return reject(abortError());
      const requestId = this.nextId++;
      const job: Job = {
        requestId,
        message: { requestId, kind, body },
        transfer: options.transfer ?? [],
        priority: options.priority ?? 'interactive',
        onProgress: options.onProgress as Job['onProgress'],
        resolve: resolve as Job['resolve'],
        reject,
        signal: options.signal,
      };
      options.signal?.addEventListener('abort', () => this.cancel(job), { once: true });
      // Interactive jobs go before every queued background job.
      const at = job.priority === 'interactive' ? this.queue.findIndex((queued) => queued.priority === 'background') : -1;
      this.queue.splice(at < 0 ? this.queue.length : at, 0, job);
      this.dispatch();
    });
  }

  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    else this.slots.find((slot) => slot.job === job)?.worker.postMessage({ cancel: job.requestId });
    job.reject(abortError()); // later replies of the job are ignored
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const next = this.queue[0];
      const slot = this.freeSlot(next.priority);
      if (!slot) return;
      this.queue.shift();
      slot.job = next;
      slot.worker.postMessage(next.message, next.transfer);
    }
  }

  private freeSlot(priority: Priority): Slot | null {
    const busyBackground = this.slots.filter((slot) => slot.job?.priority === 'background').length;
    if (priority === 'background' && this.reserve && this.size > 1 && busyBackground >= this.size - 1) return null;
    const free = this.slots.find((slot) => !slot.job);
    if (free) return free;
    return this.slots.length < this.size ? this.spawn() : null;
  }

  private spawn(): Slot {
    const slot: Slot = { worker: this.create(), job: null };
    slot.worker.onmessage = (event: MessageEvent<Reply>) => this.onReply(slot, event.data);
    slot.worker.onerror = (event) => {
      event.preventDefault();
      slot.worker.terminate();
      this.slots.splice(this.slots.indexOf(slot), 1);
      slot.job?.reject(new Error(`the background worker stopped (${event.message || 'out of memory?'})`));
      this.dispatch();
    };
    this.slots.push(slot);
    return slot;
  }

  private onReply(slot: Slot, reply: Reply): void {
    const job = slot.job;
    if (!job || reply.requestId !== job.requestId) return;
    if ('progress' in reply) {
      if (!job.signal?.aborted) job.onProgress?.(reply.progress as never);
      return;
    }
    slot.job = null;
    if (reply.ok) job.resolve(reply.result as never);
    else job.reject(reply.aborted ? abortError() : workerError(reply.message, reply.name));
    this.dispatch();
  }
}

/** What a handler gets besides the body: progress reports and the job's cancellation. */
export interface JobContext<P> {
  progress(progress: P): void;
  signal: AbortSignal;
}

export type JobReply<R> = { result: R; transfer?: Transferable[] };

export type JobHandlers<Q extends Protocol> = {
  [K in keyof Q]: (body: Q[K]['body'], job: JobContext<ProgressOf<Q, K>>) => Promise<JobReply<Q[K]['result']>> | JobReply<Q[K]['result']>;
};

/** An error thrown in a worker, as the caller sees it: its message, and its name to tell kinds apart. */
function workerError(message: string, name: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Worker side: runs each job with its handler and answers with the result or the error's message and name. */
export function serveJobs<Q extends Protocol>(scope: DedicatedWorkerGlobalScope, handlers: JobHandlers<Q>): void {
  const running = new Map<number, AbortController>();
  scope.onmessage = async (event: MessageEvent<{ cancel: number } | { requestId: number; kind: keyof Q; body: never }>) => {
    const message = event.data;
    if ('cancel' in message) return running.get(message.cancel)?.abort();
    const { requestId, kind, body } = message;
    const controller = new AbortController();
    running.set(requestId, controller);
    try {
      const context = { progress: (progress: unknown) => scope.postMessage({ requestId, progress }), signal: controller.signal };
      const { result, transfer = [] } = await handlers[kind](body, context as never);
      scope.postMessage({ requestId, ok: true, result }, transfer);
    } catch (error) {
      const aborted = controller.signal.aborted;
      const { message, name } = error instanceof Error ? error : { message: String(error), name: 'Error' };
      scope.postMessage({ requestId, ok: false, aborted, message, name });
    } finally {
      running.delete(requestId);
    }
  };
}
