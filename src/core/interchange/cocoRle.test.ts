import { describe, expect, it } from 'vitest';
import type { PixelRegion } from '../mask/regions';
import { boxOfRuns, countsFromString, countsToString, regionOfRuns, runsOfRegion } from './cocoRle';

const refuse = (reason: string): never => {
  throw new Error(reason);
};

/** A region from rows of '#' (set) and '.' at (x0, y0). */
function region(rows: string[], x0 = 0, y0 = 0): PixelRegion {
  const mask = Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0));
  return { x0, y0, width: rows[0].length, height: rows.length, mask, area: mask.reduce((n, v) => n + v, 0) };
}

describe('COCO RLE counts (column by column, background first)', () => {
  it('runs the pixels down each column, as pycocotools encode does', () => {
    // . # #     columns top to bottom: (0, 1) (1, 1) (1, 0) → 0 | 1 1 1 1 | 0 → [1, 4, 1]
    // # # .
    expect(runsOfRegion(region(['.##', '##.']), 3, 2)).toEqual([1, 4, 1]);
    expect(runsOfRegion(region(['..', '..']), 2, 2)).toEqual([4]); // nothing set: one run of background
    expect(runsOfRegion(region(['##', '##']), 2, 2)).toEqual([0, 4]); // the first pixel set: a run of 0 first
    // A 1 x 2 region at (1, 1) of a 3 x 3 image: pixels 1 * 3 + 1 and 1 * 3 + 2 (the column's end): [4, 2, 3].
    expect(runsOfRegion(region(['#', '#'], 1, 1), 3, 3)).toEqual([4, 2, 3]);
    // Set pixels in columns 0 and 2 of a 3 x 1 image, with the unset column between: [0, 1, 1, 1].
    expect(runsOfRegion(region(['#.#']), 3, 1)).toEqual([0, 1, 1, 1]);
  });

  it('gives the box and pixels back (toBbox: a run into the next column spans every row)', () => {
    expect(boxOfRuns([1, 4, 1], 2)).toEqual({ x0: 0, y0: 0, width: 3, height: 2 });
    expect(boxOfRuns([4, 2, 3], 3)).toEqual({ x0: 1, y0: 1, width: 1, height: 2 });
    expect(boxOfRuns([2, 2, 5], 3)).toEqual({ x0: 0, y0: 0, width: 2, height: 3 }); // pixels (0, 2) and (1, 0)
    expect(boxOfRuns([9], 3)).toEqual({ x0: 0, y0: 0, width: 0, height: 0 });
    const back = regionOfRuns([4, 2, 3], 3);
    expect(back).toEqual({ x0: 1, y0: 1, width: 1, height: 2, mask: Uint8Array.of(1, 1), area: 2 });
    const shape = region(['.##.', '##..', '#..#']);
    expect(regionOfRuns(runsOfRegion(shape, 4, 3), 3)).toEqual(shape);
  });
});

describe('COCO compressed RLE strings (maskApi.c rleToString / rleFrString)', () => {
  // Worked by hand. Each number goes out 5 bits at a time, low first, as 48 + c; c gets 0x20 when
  // more chunks follow, and a last chunk with 0x10 set is negative, so 16..31 need two chunks.
  // From the 4th count on, the difference to the count two before is written.
  const known: Array<[number[], string]> = [
    [[4], '4'], // 48 + 4
    [[0, 4], '04'],
    [[1, 4, 1], '141'],
    // 16 = 0x10: "`" (48 + (0x10 | 0x20)) then "0"; 32: "P" (48 + 0x20) then "1"; 20: "d" (48 + 0x34) then "0";
    // the 4th, 32, is written as 32 - 32 = 0.
    [[16, 32, 20, 32], '`0P1d00'],
    // The 4th, 2, as 2 - 5 = -3: its low 5 bits are 29 with the sign bit 0x10 set, so one chunk: 48 + 29 = "M".
    [[0, 5, 3, 2], '053M'],
    // 31: "o" (48 + 0x3f) then "0". The 4th (1) as 1 - 31 = -30: low bits 2, the shift leaves -1 but 0x10 is
    // clear, so a second chunk: "R" (48 + 0x22), then -1's low bits, 31, with the sign set: "O" (48 + 31).
    [[3, 31, 1, 1], '3o01RO'],
  ];

  it('encodes and decodes the hand-worked strings', () => {
    for (const [counts, text] of known) {
      expect(countsToString(counts), text).toBe(text);
      expect(countsFromString(text, counts.reduce((a, b) => a + b), refuse)).toEqual(counts);
    }
  });

  it('round-trips counts of every size up to a large image', () => {
    const counts = [0, 1, 15, 16, 31, 32, 1023, 1024, 5, 1_000_000, 3, 2 ** 28, 7];
    expect(countsFromString(countsToString(counts), 2 ** 29 + 2 ** 21, refuse)).toEqual(counts);
  });

  it('refuses broken strings and counts beyond the mask, before anything is sized by them', () => {
    const reason = (text: string, pixels: number) => {
      try {
        countsFromString(text, pixels, refuse);
      } catch (error) {
        return (error as Error).message;
      }
      return 'read';
    };
    expect(reason('0P', 100)).toBe('the RLE counts string ends in the middle of a number'); // "P" says more follows
    expect(reason('4x', 100)).toBe(`the RLE counts string has "x", which is not one of its characters ('0' to 'o')`);
    expect(reason('5', 4)).toBe('the RLE counts cover more than the 4 pixels of the mask');
    expect(reason('0M', 100)).toBe('RLE count 2 is negative (-3)');
    expect(reason('o'.repeat(1000), 100)).toBe('an RLE count in the string is larger than any image has pixels');
    // 2^45 pixels claimed in a 4-pixel mask: refused at that count.
    expect(reason(countsToString([0, 2 ** 45]), 4)).toBe('the RLE counts cover more than the 4 pixels of the mask');
    expect(reason('', 4)).toBe('read'); // no counts: nothing set
  });
});
