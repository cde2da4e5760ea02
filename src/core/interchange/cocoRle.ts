/**
 * COCO's run-length encoding of a mask, exactly as pycocotools makes and reads it
 * (cocodataset/cocoapi, common/maskApi.c). The image's pixels are taken column by column — pixel
 * (x, y) is number x * height + y, numpy's Fortran order — and the mask is the lengths of the
 * alternating runs, background first: a mask whose first pixel is set starts with a run of 0.
 *
 * Compressed RLE writes those counts as a string (maskApi.c's rleToString / rleFrString): from
 * the fourth count on, each is written as its difference to the count two before it (the one of
 * the same kind); each number then goes out 5 bits at a time, least significant first, as the
 * characters 48 + c, where c carries the next 5 bits plus 0x20 when more follow; the last chunk's
 * 0x10 bit is the sign (two's complement, as an arithmetic shift leaves it).
 */
import type { PixelBox } from '../mask/rasterize';
import type { PixelRegion } from '../mask/regions';
import type { Refuse } from './jsonFormats';

/**
 * The runs of `region`'s pixels in an image of `width` x `height` (the region lies inside it):
 * what pycocotools' `encode` gives for that mask. Only the set pixels are visited, in column
 * order, so the cost is the region's box, not the image.
 */
export function runsOfRegion(region: PixelRegion, width: number, height: number): number[] {
  const counts: number[] = [];
  let value = 0, start = 0, next = 0; // the current run's value and first pixel; the pixel after the last set one
  const flip = (at: number) => {
    counts.push(at - start);
    start = at;
    value ^= 1;
  };
  for (let x = 0; x < region.width; x++) {
    for (let y = 0; y < region.height; y++) {
      if (!region.mask[y * region.width + x]) continue;
      const at = (region.x0 + x) * height + region.y0 + y;
      if (value === 1 && at > next) flip(next); // unset pixels between two set ones
      if (value === 0) flip(at);
      next = at + 1;
    }
  }
  if (value === 1 && next < width * height) flip(next);
  counts.push(width * height - start);
  return counts;
}

/** The pixels set: the sum of every second count (pycocotools' `area`). */
function areaOfRuns(counts: readonly number[]): number {
  let area = 0;
  for (let j = 1; j < counts.length; j += 2) area += counts[j];
  return area;
}

/**
 * The tightest box around the set pixels (pycocotools' `toBbox`; all zero when none is set). A
 * run that goes on into the next column covers the bottom of one and the top of the other, so it
 * spans every row.
 */
export function boxOfRuns(counts: readonly number[], height: number): PixelBox {
  let minX = Infinity, minY = Infinity, maxX = -1, maxY = -1;
  for (let j = 0, at = 0; j < counts.length; at += counts[j++]) {
    if (j % 2 === 0 || counts[j] === 0) continue;
    const first = at, last = at + counts[j] - 1;
    const x0 = Math.floor(first / height), x1 = Math.floor(last / height);
    minX = Math.min(minX, x0);
    maxX = Math.max(maxX, x1);
    minY = Math.min(minY, x0 === x1 ? first - x0 * height : 0);
    maxY = Math.max(maxY, x0 === x1 ? last - x1 * height : height - 1);
  }
  return maxX < 0 ? { x0: 0, y0: 0, width: 0, height: 0 } : { x0: minX, y0: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

/**
 * The set pixels of `counts` (whose sum is at most width * height, as countsFromString and the
 * JSON reader make sure) in their own box, so a small object in a large image costs its size.
 */
export function regionOfRuns(counts: readonly number[], height: number): PixelRegion {
  const box = boxOfRuns(counts, height);
  const mask = new Uint8Array(box.width * box.height);
  for (let j = 0, at = 0; j < counts.length; at += counts[j++]) {
    if (j % 2 === 0) continue;
    for (let p = at, end = at + counts[j]; p < end; p++) {
      const x = Math.floor(p / height);
      mask[(p - x * height - box.y0) * box.width + x - box.x0] = 1;
    }
  }
  return { ...box, mask, area: areaOfRuns(counts) };
}

/** rleToString: counts as a compressed COCO string. */
export function countsToString(counts: readonly number[]): string {
  let text = '';
  for (let i = 0; i < counts.length; i++) {
    let x = i > 2 ? counts[i] - counts[i - 2] : counts[i];
    for (let more = true; more; ) {
      let c = x - 32 * Math.floor(x / 32); // the low 5 bits, also of a negative number
      x = Math.floor(x / 32); // an arithmetic shift: -1 stays -1
      more = c & 0x10 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      text += String.fromCharCode(48 + c);
    }
  }
  return text;
}

/**
 * Ten chunks of 5 bits hold any count up to 2^49, far past the largest image; more is refused
 * before it could lose precision.
 */
const MAX_CHUNKS = 10;

/**
 * rleFrString: the counts of a compressed COCO string, for a mask of `pixels` pixels. Refuses
 * (through `refuse`) a character outside '0'..'o', a number cut off, a negative count, and counts
 * adding up to more than `pixels`, as soon as the running total passes it, so nothing is ever
 * sized by a count. pycocotools checks none of these: it would wrap or overrun.
 */
export function countsFromString(text: string, pixels: number, refuse: Refuse): number[] {
  const counts: number[] = [];
  let total = 0;
  for (let p = 0; p < text.length; ) {
    let x = 0;
    for (let k = 0, more = true; more; k++) {
      if (p === text.length) refuse('the RLE counts string ends in the middle of a number');
      if (k === MAX_CHUNKS) refuse('an RLE count in the string is larger than any image has pixels');
      const c = text.charCodeAt(p++) - 48;
      if (c < 0 || c > 63) refuse(`the RLE counts string has "${text[p - 1]}", which is not one of its characters ('0' to 'o')`);
      x += (c & 0x1f) * 32 ** k;
      more = (c & 0x20) !== 0;
      if (!more && c & 0x10) x -= 32 ** (k + 1);
    }
    if (counts.length > 2) x += counts[counts.length - 2];
    if (x < 0) refuse(`RLE count ${counts.length + 1} is negative (${x})`);
    total += x;
    if (total > pixels) refuse(`the RLE counts cover more than the ${pixels} pixels of the mask`);
    counts.push(x);
  }
  return counts;
}
