/**
 * How much of the instance mask changed between two versions of an image's objects (e.g. the
 * submitted snapshot and the reviewed result): a per-image measure of how much a reviewer
 * corrected, on exactly the pixels an export would write.
 */
import { rasterizeShapes } from '../mask/rasterize';
import type { ObjectShape } from './changes';

export interface PixelChange {
  /** Pixels whose owner differs: background vs object, or another object id. */
  changedPixels: number;
  /** Pixels that are foreground in either version. */
  foregroundPixels: number;
  /** changedPixels / foregroundPixels, in [0, 1]; 0 when there is no foreground. */
  share: number;
}

/**
 * Rasterizes both sets into width x height (rasterizeShapes: pixel-centre rule, higher z wins
 * overlaps) and counts pixels whose owner differs. Owners are compared by object id, not by
 * index, so reordering the input changes nothing; but an object replaced by an identical
 * outline under another id (deleted and redrawn, or split and merged back) counts as changed
 * on all its pixels, since a different instance now owns them. Objects sharing an id within
 * one set count as one owner. Restacking (z) counts only where it changes who owns an overlap.
 * Parts outside the image are not counted. Cost: two label images of width x height.
 */
export function maskPixelChange(before: readonly ObjectShape[], after: readonly ObjectShape[], width: number, height: number): PixelChange {
  // Number the union of ids once, so each pixel compares two integers.
  const ids = new Map<string, number>();
  const owners = (objects: readonly ObjectShape[]): Int32Array => {
    const owner = new Int32Array(objects.length + 1); // by label: 0 = background
    objects.forEach((object, i) => {
      let n = ids.get(object.id);
      if (n === undefined) ids.set(object.id, (n = ids.size + 1));
      owner[i + 1] = n;
    });
    return owner;
  };
  const ownerBefore = owners(before), ownerAfter = owners(after);
  const a = rasterizeShapes(before, width, height).labels;
  const b = rasterizeShapes(after, width, height).labels;
  let changedPixels = 0, foregroundPixels = 0;
  for (let p = 0; p < a.length; p++) {
    const oa = ownerBefore[a[p]], ob = ownerAfter[b[p]];
    if (oa === 0 && ob === 0) continue;
    foregroundPixels++;
    if (oa !== ob) changedPixels++;
  }
  return { changedPixels, foregroundPixels, share: foregroundPixels === 0 ? 0 : changedPixels / foregroundPixels };
}
