import type { TileSamples } from '../../core/tiles';
import { loadTile } from '../../io/db';

/** One tile of a tiled image from storage (the viewer reads them as the view needs them). */
export function readTile(imageId: string, level: number, index: number): Promise<TileSamples | undefined> {
  return loadTile(imageId, level, index);
}
