import type { ImageRecord } from '../core/project';
import { loadPixels, loadSource, updateImageRecord } from './db';
import { sha256Hex } from './sha256';

/**
 * The image's content hash; images stored before hashes existed get theirs computed from the
 * stored file (or pixels) and written back, once.
 */
export async function contentHashOf(image: ImageRecord): Promise<string> {
  if (image.contentHash) return image.contentHash;
  const source = await loadSource(image.id);
  const pixels = source ? null : await loadPixels(image.id);
  const bytes = source ? await source.blob.arrayBuffer() : pixels?.display?.data; // tiled images always have their file
  if (!bytes) throw new Error(`${image.name}: neither its file nor its pixels are stored`);
  const contentHash = await sha256Hex(bytes);
  await updateImageRecord({ ...image, contentHash });
  return contentHash;
}
