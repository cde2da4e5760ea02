import type { PreparedImage } from '../core/intake';

/** The intake worker's jobs: decode and prepare one file, or make the demo images. */
export type IntakeProtocol = {
  file: { body: File; result: PreparedImage };
  demo: { body: null; result: PreparedImage[] };
};
