import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { rasterizeShapes } from './rasterize';
import { combineRegions, regionOfRings, ringsIoU, ringsOfRegion, type PixelRegion } from './regions';

const W = 40, H = 30;
const square = (x: number, y: number, size: number) => [[x, y, x + size, y, x + size, y + size, x, y + size]];

/** The region's pixels as a set of image pixel indices. */
function pixels(region: PixelRegion): Set<number> {
  const set = new Set<number>();
  region.mask.forEach((v, i) => v && set.add((region.y0 + Math.floor(i / region.width)) * W + region.x0 + (i % region.width)));
  return set;
}

describe('pixel regions', () => {
  it('are the pixels of rings by the export rule, and combine by union and difference', () => {
    const a = regionOfRings(square(2, 2, 10)), b = regionOfRings(square(8.5, 5, 10));
    const pa = pixels(a), pb = pixels(b);
    expect(pa.size).toBe(100);
    expect(a.area).toBe(100);
    const union = combineRegions(a, b, 'union'), difference = combineRegions(a, b, 'subtract');
    expect(pixels(union)).toEqual(new Set([...pa, ...pb]));
    expect(pixels(difference)).toEqual(new Set([...pa].filter((p) => !pb.has(p))));
    expect(union.area).toBe(pixels(union).size);
  });

  it('measure the intersection over union of two objects by their pixels', () => {
    expect(ringsIoU(square(0, 0, 10), square(0, 0, 10))).toBe(1);
    expect(ringsIoU(square(0, 0, 10), square(5, 0, 10))).toBeCloseTo(50 / 150);
    expect(ringsIoU(square(0, 0, 10), square(20, 0, 10))).toBe(0);
  });

  it('give back rings that cover exactly their pixels, simplified or dense (random regions)', () => {
    const random = createRng(3);
    for (let trial = 0; trial < 40; trial++) {
      const mask = Uint8Array.from({ length: 12 * 9 }, () => (random.chance(0.6) ? 1 : 0));
      const region: PixelRegion = { x0: random.int(0, 20), y0: random.int(0, 20), width: 12, height: 9, mask, area: mask.reduce((n, v) => n + v, 0) };
      for (const trace of ['simplified', 'exact-dense'] as const) {
        const labels = rasterizeShapes([{ rings: ringsOfRegion(region, { width: W, height: H }, trace), z: 1 }], W, H).labels;
        const back = new Set<number>();
        labels.forEach((v, p) => v && back.add(p));
        expect(back).toEqual(pixels(region));
      }
    }
  });
});
