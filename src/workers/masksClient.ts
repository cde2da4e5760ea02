import type { DatasetZipEntry } from '../core/mask/datasetZip';
import type { MaskExport } from '../core/mask/exportMask';
import type { MaskImport } from '../core/mask/importMask';
import type { Corrections, MasksRequest, ZipProgress } from './masksProtocol';
import { WorkerClient } from './rpc';

let client: WorkerClient | null = null;

function masksWorker(): WorkerClient {
  client ??= new WorkerClient(new Worker(new URL('./masks.worker.ts', import.meta.url), { type: 'module' }), () => (client = null));
  return client;
}

type Body<K extends MasksRequest['kind']> = Omit<Extract<MasksRequest, { kind: K }>, 'requestId' | 'kind'>;

export function importMaskInWorker(body: Body<'import-mask'>): Promise<MaskImport> {
  return masksWorker().call({ kind: 'import-mask', ...body }, [body.bytes.buffer as ArrayBuffer]);
}

export function exportMaskInWorker(body: Body<'export-mask'>): Promise<MaskExport> {
  return masksWorker().call({ kind: 'export-mask', ...body });
}

/** The corrections made since each image's last submission, measured in the worker. */
export function correctionsInWorker(): Promise<Corrections> {
  return masksWorker().call({ kind: 'corrections' });
}

export function refreshMaskInWorker(imageId: string): Promise<null> {
  return masksWorker().call({ kind: 'refresh-mask', imageId });
}

/** Streams the project ZIP: `onChunk` gets its bytes in order, `onProgress` images done. */
export function projectZipInWorker(
  body: Body<'project-zip'>,
  onChunk: (chunk: Uint8Array) => void,
  onProgress: (done: number, total: number, current: string) => void,
): Promise<DatasetZipEntry[]> {
  return masksWorker().call<DatasetZipEntry[], ZipProgress>({ kind: 'project-zip', ...body }, [], (progress) => {
    if ('chunk' in progress) onChunk(progress.chunk);
    else onProgress(progress.done, progress.total, progress.current);
  });
}
