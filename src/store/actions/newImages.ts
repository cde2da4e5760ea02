/** A new image's record, its place in the list and its content hash: for files brought in, images from a bundle, and sync. */
import { defaultDisplay } from '../../core/display';
import { newId } from '../../core/ids';
import type { ImageRecord } from '../../core/project';
import { contentHashOf } from '../../io/contentHash';
import type { HashedImage } from '../../workers/intakeProtocol';
import { getState, patchImage } from '../store';

/** The list position after every image in the project. */
export function nextOrder(): number {
  return getState().images.reduce((max, existing) => Math.max(max, existing.order), 0) + 1;
}

/** A new image's record, as decoded: status new, default display. */
export function toRecord(image: HashedImage, order: number, demo: boolean, split?: string): ImageRecord {
  return {
    id: newId(),
    name: image.name,
    contentHash: image.contentHash,
    format: image.format,
    width: image.width,
    height: image.height,
    channels: image.channels,
    sourceBitDepth: image.sourceBitDepth,
    normalization: image.normalization,
    cellomics: image.cellomics,
    thumbnail: image.thumbnail,
    order,
    addedAt: Date.now(),
    demo,
    display: defaultDisplay(image.normalization ?? { low: 0, high: 255 }),
    objectCount: 0,
    ...(split ? { split } : {}),
    status: 'new',
    statusHistory: [],
  };
}

/** The image's content hash; one stored before hashes existed gets it computed, stored and shown in the list. */
export async function ensureContentHash(image: ImageRecord): Promise<string> {
  const contentHash = await contentHashOf(image);
  if (!image.contentHash) patchImage(image.id, { contentHash });
  return contentHash;
}
