/**
 * The masks worker's bundle jobs: writing a bundle straight from storage one image at a time,
 * and reading a dropped one from its File piece by piece (Blob.slice), never whole.
 */
import { encodePng } from '../core/formats/png';
import { openBundle, readBundleImage } from '../core/bundle/read';
import { BUNDLE_LIMITS } from '../core/bundle/validate';
import { writeBundle, type BundleEntryImage } from '../core/bundle/write';
import { entryDataRange, readZipEntry, type ByteSource } from '../core/zipReader';
import { browserId, loadStoredImage } from '../io/bundleDb';
import { contentHashOf } from '../io/contentHash';
import { loadImageRecords, loadPixels, loadSource } from '../io/db';
import type { BundleSourceRef, ExportProgress, MasksProtocol, ReadBundle } from './masksProtocol';
import { abortError, type JobContext } from './rpc';

type Body<K extends keyof MasksProtocol> = MasksProtocol[K]['body'];

/** A File read by slices: only the bytes asked for are ever loaded. */
export function fileSource(file: Blob): ByteSource {
  return { size: file.size, read: async (offset, length) => new Uint8Array(await file.slice(offset, offset + length).arrayBuffer()) };
}

async function* bundleImages(ids: string[], job: JobContext<ExportProgress>): AsyncGenerator<BundleEntryImage> {
  for (const [index, id] of ids.entries()) {
    if (job.signal.aborted) throw abortError();
    const stored = await loadStoredImage(id);
    if (!stored) continue; // removed meanwhile
    job.progress({ done: index, total: ids.length, current: stored.record.name });
    const contentHash = await contentHashOf(stored.record);
    const file = await loadSource(id);
    let source: BundleEntryImage['source'] = null;
    if (file) source = { name: file.name, kind: 'original', bytes: new Uint8Array(await file.blob.arrayBuffer()) };
    else {
      // Generated demo images have no file: their pixels go in as PNG, the original samples
      // where there are (16-bit), so decoding it gives back the same image.
      const pixels = await loadPixels(id);
      if (pixels) source = { name: `${stored.record.name}.png`, kind: 'pixels-png', bytes: encodePng(pixels.original ?? pixels.display) };
    }
    yield { stored: { ...stored, record: { ...stored.record, contentHash } }, source };
  }
  job.progress({ done: ids.length, total: ids.length, current: '' });
}

export async function exportBundle({ imageIds, createdBy }: Body<'bundle-export'>, job: JobContext<ExportProgress>) {
  const ids = imageIds ?? (await loadImageRecords()).map((image) => image.id);
  const createdIn = await browserId();
  return writeBundle(bundleImages(ids, job), (chunk) => job.progress({ chunk }), { createdBy, createdIn });
}

export async function readBundle({ file, now }: Body<'bundle-read'>, job: JobContext<{ done: number; total: number; current: string }>): Promise<ReadBundle | null> {
  const source = fileSource(file);
  const bundle = await openBundle(file.name, source);
  if (!bundle) return null;
  const listed = bundle.manifest.images;
  const images = [];
  const sources: Array<BundleSourceRef | null> = [];
  for (let i = 0; i < listed.length; i++) {
    if (job.signal.aborted) throw abortError();
    job.progress({ done: i, total: listed.length, current: listed[i].name });
    images.push(await readBundleImage(bundle, source, i, now));
    const ref = listed[i].source;
    const entry = ref && bundle.entries.get(ref.path);
    if (entry && entry.size > BUNDLE_LIMITS.sourceBytes) throw new Error(`${file.name}: ${ref.path} is ${entry.size} bytes, more than the ${BUNDLE_LIMITS.sourceBytes} an image file may have`);
    sources.push(ref && entry ? { ...ref, ...(await entryDataRange(file.name, source, entry)), method: entry.method, entry } : null);
  }
  return { version: bundle.version, manifest: bundle.manifest, images, sources };
}

export async function readBundleEntry({ file, entry, maxBytes }: Body<'bundle-entry'>) {
  return readZipEntry(file.name, fileSource(file), entry, maxBytes);
}
