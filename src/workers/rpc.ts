/**
 * Request/response over a Worker: every request gets an id; the worker answers with
 * { requestId, ok, result } or { requestId, ok: false, message }, and may send
 * { requestId, progress } updates before that. A crashed worker fails its open requests.
 */
export type WorkerReply<R, P = unknown> =
  | { requestId: number; ok: true; result: R }
  | { requestId: number; ok: false; message: string }
  | { requestId: number; progress: P };

interface Pending {
  resolve: (result: never) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: never) => void;
}

export class WorkerClient {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly worker: Worker,
    private readonly onCrash: () => void = () => {},
  ) {
    worker.onmessage = (event: MessageEvent<WorkerReply<unknown>>) => {
      const reply = event.data;
      const request = this.pending.get(reply.requestId);
      if (!request) return;
      if ('progress' in reply) return request.onProgress?.(reply.progress as never);
      this.pending.delete(reply.requestId);
      if (reply.ok) request.resolve(reply.result as never);
      else request.reject(new Error(reply.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      this.onCrash();
      for (const request of this.pending.values()) request.reject(new Error(`the background worker stopped (${event.message || 'out of memory?'})`));
      this.pending.clear();
    };
  }

  get busy(): number {
    return this.pending.size;
  }

  call<R, P = unknown>(message: object, transfer: Transferable[] = [], onProgress?: (progress: P) => void): Promise<R> {
    const requestId = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject, onProgress } as Pending);
      this.worker.postMessage({ ...message, requestId }, transfer);
    });
  }
}

/** Worker side: answers each request with `handle`'s result, or its error's message. */
export function serveRequests<Q extends { requestId: number }>(
  scope: DedicatedWorkerGlobalScope,
  handle: (request: Q, progress: (progress: unknown) => void) => Promise<{ result: unknown; transfer?: Transferable[] }>,
): void {
  scope.onmessage = async (event: MessageEvent<Q>) => {
    const { requestId } = event.data;
    try {
      const { result, transfer = [] } = await handle(event.data, (progress) => scope.postMessage({ requestId, progress }));
      scope.postMessage({ requestId, ok: true, result }, transfer);
    } catch (error) {
      scope.postMessage({ requestId, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  };
}
