import type { PreparedImage } from '../core/intake';
import type { Ring } from '../core/objects';

/** The intake worker's jobs: decode and prepare one file, or make the demo images. */
export type IntakeProtocol = {
  file: { body: File; result: PreparedImage };
  /** The demo images, each with the objects it comes annotated with (none for some). */
  demo: { body: null; result: Array<{ image: PreparedImage; objects: Ring[][] }> };
};
