/**
 * Writes a project bundle (format.ts) as a stream: each image's entries go out as soon as they
 * are added, so memory holds one image at a time however many there are; the manifest, which
 * lists them all, is the last entry (readers find entries through the central directory).
 */
import { fileNameOf, portableFileName } from '../paths';
import { createZipStream } from '../zip';
import { BUNDLE_FORMAT, BUNDLE_VERSION, MANIFEST_PATH, imageFolder, toBundleImage, type BundleManifest, type ManifestImage, type StoredImage } from './format';

export interface BundleEntryImage {
  stored: StoredImage & { record: { contentHash: string } };
  /** The original file, or (demo images) its pixels as PNG; null: neither is stored. */
  source: { name: string; kind: 'original' | 'pixels-png'; bytes: Uint8Array } | null;
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/**
 * Streams the bundle of `images` through `onChunk` (see createZipStream) and returns its
 * manifest. Original files are stored as they are (they are compressed already, and a reader
 * can then hand them on without inflating); the JSON entries are deflated.
 */
export async function writeBundle(
  images: Iterable<BundleEntryImage> | AsyncIterable<BundleEntryImage>,
  onChunk: (chunk: Uint8Array, final: boolean) => void,
  options: { createdBy: string; createdIn: string; createdAt?: number; mtime?: Date },
): Promise<BundleManifest> {
  const zip = createZipStream(onChunk, { mtime: options.mtime });
  const listed: ManifestImage[] = [];
  let index = 0;
  for await (const { stored, source } of images) {
    const folder = imageFolder(index++);
    const data = `${folder}/image.json`;
    const path = source && (source.kind === 'original' ? `${folder}/original/${portableFileName(fileNameOf(source.name))}` : `${folder}/pixels.png`);
    if (source && path) zip.addFile(path, source.bytes);
    zip.addFile(data, json(toBundleImage(stored)), { compress: true });
    listed.push({ data, name: stored.record.name, contentHash: stored.record.contentHash, source: source && path ? { path, kind: source.kind, name: source.name } : null });
  }
  const manifest: BundleManifest = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, createdAt: options.createdAt ?? Date.now(), createdBy: options.createdBy, createdIn: options.createdIn, images: listed };
  zip.addFile(MANIFEST_PATH, json(manifest), { compress: true });
  zip.finish();
  return manifest;
}
