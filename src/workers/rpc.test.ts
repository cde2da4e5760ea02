import { describe, expect, it } from 'vitest';
import { isAbortError, WorkerPool } from './rpc';

type TestProtocol = {
  echo: { body: string; result: string };
  slow: { body: string; result: string; progress: number };
};

/** A stand-in for a Worker: records what it is sent; the test answers for it. */
class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  received: Array<{ requestId?: number; kind?: string; body?: unknown; cancel?: number }> = [];
  terminated = false;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(message: { requestId?: number; kind?: string; body?: unknown; cancel?: number }) {
    this.received.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: object) {
    this.onmessage!({ data } as MessageEvent);
  }
  /** The job this worker is running (its last message that was not a cancel). */
  get job() {
    return this.received.filter((message) => message.kind).at(-1)!;
  }
}

function pool(size: number, reserve = false) {
  FakeWorker.all = [];
  return new WorkerPool<TestProtocol>(() => new FakeWorker() as unknown as Worker, size, reserve);
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('WorkerPool', () => {
  it('runs one job per worker and answers each call with its own result', async () => {
    const workers = pool(2);
    const a = workers.call('echo', 'a');
    const b = workers.call('echo', 'b');
    const c = workers.call('echo', 'c');
    expect(FakeWorker.all).toHaveLength(2);
    expect(FakeWorker.all.map((w) => w.job.body)).toEqual(['a', 'b']);
    FakeWorker.all[1].reply({ requestId: FakeWorker.all[1].job.requestId, ok: true, result: 'B' });
    expect(await b).toBe('B');
    expect(FakeWorker.all[1].job.body).toBe('c'); // the queued job took the free worker
    FakeWorker.all[0].reply({ requestId: FakeWorker.all[0].job.requestId, ok: false, aborted: false, message: 'a: broken' });
    await expect(a).rejects.toThrow('a: broken');
    FakeWorker.all[1].reply({ requestId: FakeWorker.all[1].job.requestId, ok: true, result: 'C' });
    expect(await c).toBe('C');
  });

  it('runs interactive jobs before queued background jobs, and keeps a worker free for them', async () => {
    const workers = pool(2, true);
    void workers.call('slow', 'export', { priority: 'background' });
    void workers.call('slow', 'batch 1', { priority: 'background' });
    void workers.call('slow', 'batch 2', { priority: 'background' });
    expect(FakeWorker.all).toHaveLength(1); // the second worker is kept for interactive jobs
    const edit = workers.call('echo', 'edited image');
    expect(FakeWorker.all).toHaveLength(2);
    expect(FakeWorker.all[1].job.body).toBe('edited image');
    FakeWorker.all[1].reply({ requestId: FakeWorker.all[1].job.requestId, ok: true, result: 'mask' });
    expect(await edit).toBe('mask');
    expect(FakeWorker.all[1].received).toHaveLength(1); // still no background job on it
    const first = FakeWorker.all[0];
    first.reply({ requestId: first.job.requestId, ok: true, result: 'zip' });
    expect(first.job.body).toBe('batch 1');
  });

  it('reports progress, and a cancel rejects at once, tells the worker and frees it when it stops', async () => {
    const workers = pool(1);
    const controller = new AbortController();
    const progress: number[] = [];
    const job = workers.call('slow', 'zip', { signal: controller.signal, onProgress: (p) => progress.push(p) });
    const queued = workers.call('echo', 'next');
    const worker = FakeWorker.all[0];
    const { requestId } = worker.job;
    worker.reply({ requestId, progress: 3 });
    expect(progress).toEqual([3]);
    controller.abort();
    await expect(job).rejects.toSatisfy(isAbortError);
    expect(worker.received.at(-1)).toEqual({ cancel: requestId });
    worker.reply({ requestId, progress: 4 }); // late progress of a cancelled job is dropped
    expect(progress).toEqual([3]);
    worker.reply({ requestId, ok: false, aborted: true, message: 'cancelled' });
    expect(worker.job.body).toBe('next');
    worker.reply({ requestId: worker.job.requestId, ok: true, result: 'N' });
    expect(await queued).toBe('N');
  });

  it('drops a queued job that is cancelled without sending it', async () => {
    const workers = pool(1);
    void workers.call('echo', 'running');
    const controller = new AbortController();
    const queued = workers.call('echo', 'queued', { signal: controller.signal });
    controller.abort();
    await expect(queued).rejects.toSatisfy(isAbortError);
    expect(workers.busy).toBe(1);
    expect(FakeWorker.all[0].received.map((message) => message.body)).toEqual(['running']);
  });

  it('fails the job of a crashed worker and replaces the worker for the next one', async () => {
    const workers = pool(1);
    const job = workers.call('echo', 'boom');
    FakeWorker.all[0].onerror!({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
    await expect(job).rejects.toThrow('the background worker stopped (out of memory)');
    expect(FakeWorker.all[0].terminated).toBe(true);
    void workers.call('echo', 'again');
    await tick();
    expect(FakeWorker.all).toHaveLength(2);
    expect(FakeWorker.all[1].job.body).toBe('again');
  });
});
