import type { Ring } from '../core/objects';

/** How objects are found: the shipped nucleus model, or the classical pipeline (threshold, distance, watershed). */
export type DetectMethod = 'model' | 'classical';

/** A detected object: exact outline (image pixels), pixels, and the detector's confidence in [0, 1]. */
export interface Detection {
  rings: Ring[];
  area: number;
  confidence: number;
}

/**
 * The segmentation worker's jobs. It reads the image's pixels from storage itself, and keeps the
 * detector's output of the last images it worked on, so a click answers at once.
 * `appUrl`: the page's base URL, where the shipped weights and the model runtime are served.
 */
export type SegmentProtocol = {
  detect: { body: { imageId: string; method: DetectMethod; appUrl: string }; result: Detection[] };
  /** The object under a click: the detected one there, else a region grown from the click; null: nothing there. */
  click: { body: { imageId: string; method: DetectMethod; appUrl: string; x: number; y: number }; result: (Detection & { source: 'detected' | 'grown' }) | null };
};
