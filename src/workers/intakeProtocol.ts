import type { PreparedImage } from '../core/intake';
import type { Ring } from '../core/objects';

/** A prepared image with its content hash (`io/contentHash.ts`). */
export type HashedImage = PreparedImage & { contentHash: string };

/** The intake worker's jobs: decode and prepare one file, or make the demo images. */
export type IntakeProtocol = {
  file: { body: File; result: HashedImage };
  /** The demo images, each with the objects it comes annotated with (none for some). */
  demo: { body: null; result: Array<{ image: HashedImage; objects: Ring[][] }> };
};
