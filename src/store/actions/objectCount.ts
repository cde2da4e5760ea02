import { getState, imageById, patchImage } from '../store';
import type { AppliedChanges } from './afterChange';

/**
 * Keeps the image list's object count in step with a change at once (the open image's from its
 * objects, another image's by the change's additions and removals); the save then sets it to
 * the count actually stored.
 */
export function keepObjectCount({ imageId, changes, open }: AppliedChanges): void {
  const image = imageById(getState(), imageId);
  if (!image) return;
  const delta = changes.reduce((sum, { before, after }) => sum + (after ? 1 : 0) - (before ? 1 : 0), 0);
  const objectCount = open ? getState().objects.size : image.objectCount + delta;
  if (objectCount !== image.objectCount) patchImage(imageId, { objectCount });
}
