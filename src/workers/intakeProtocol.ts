import type { PreparedImage } from '../core/intake';
import type { Ring } from '../core/objects';
import type { TiledImage } from '../core/tiledIntake';

/** A prepared image with its content hash (`io/contentHash.ts`); tiled when too large for one canvas. */
export type HashedImage = (PreparedImage | TiledImage) & { contentHash: string };

/**
 * The intake worker's jobs: decode and prepare one file, or make the demo images. A file too
 * large for one canvas comes back tiled, its tiles already stored under `id` (the worker
 * removes them again when it fails or is cancelled).
 */
export type IntakeProtocol = {
  file: { body: { file: File; id: string }; result: HashedImage };
  /** The demo images, each with the objects it comes annotated with (none for some). */
  demo: { body: null; result: Array<{ image: PreparedImage & { contentHash: string }; objects: Ring[][] }> };
};
