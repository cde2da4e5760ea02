import { describe, expect, it } from 'vitest';
import { rasterizeShapes, type Shape } from './rasterize';

/** Rows of the label image as strings: '.' background, else the label digit. */
function picture(shapes: Shape[], width: number, height: number): string[] {
  const { labels } = rasterizeShapes(shapes, width, height);
  const rows: string[] = [];
  for (let y = 0; y < height; y++) rows.push(Array.from(labels.subarray(y * width, (y + 1) * width), (v) => (v ? String(v) : '.')).join(''));
  return rows;
}

const shape = (z: number, ...rings: number[][]): Shape => ({ z, rings });
const rect = (x0: number, y0: number, x1: number, y1: number) => [x0, y0, x1, y0, x1, y1, x0, y1];

describe('rasterizeShapes: pixel centres, even-odd', () => {
  it('a square with corners on the grid covers exactly its pixels', () => {
    expect(picture([shape(0, rect(1, 1, 3, 3))], 5, 4)).toEqual(['.....', '.11..', '.11..', '.....']);
    // The closed square [0, 2] x [0, 2]: centres on the right and bottom edges are outside.
    expect(picture([shape(0, rect(0, 0, 2, 2))], 3, 3)).toEqual(['11.', '11.', '...']);
  });

  it('either vertex order gives the same pixels', () => {
    const clockwise = rect(1, 0, 4, 2);
    const counter = [1, 0, 1, 2, 4, 2, 4, 0];
    expect(picture([shape(0, counter)], 5, 3)).toEqual(picture([shape(0, clockwise)], 5, 3));
  });

  it('half-pixel offsets: centres on the left and top edges are in, on the right and bottom out', () => {
    // [0.5, 2.5] x [0.5, 2.5] passes through the centres of pixels 0..2; area 4 → 4 pixels.
    expect(picture([shape(0, rect(0.5, 0.5, 2.5, 2.5))], 4, 4)).toEqual(['11..', '11..', '....', '....']);
    // Slightly larger on every side takes in the next row and column.
    expect(picture([shape(0, rect(0.49, 0.49, 2.51, 2.51))], 4, 4)).toEqual(['111.', '111.', '111.', '....']);
    // Slightly smaller: the first row and column drop out.
    expect(picture([shape(0, rect(0.51, 0.51, 2.49, 2.49))], 4, 4)).toEqual(['....', '.1..', '....', '....']);
  });

  it('a triangle: pixels whose centres lie inside', () => {
    // Right triangle (0,0) (4,0) (0,4): centre (x+.5, y+.5) inside when x + y + 1 < 4;
    // centres on the hypotenuse (x + y + 1 = 4) lie on a right-hand edge, so they are out.
    expect(picture([shape(0, [0, 0, 4, 0, 0, 4])], 4, 4)).toEqual(['111.', '11..', '1...', '....']);
  });

  it('a bow-tie: both lobes filled, nothing between them', () => {
    // Edges (0,0)-(6,4) and (6,0)-(0,4) cross at (3,2); row 1's centre line meets them at
    // x = 2.25 and 3.75, so centres 2.5 and 3.5 fall between the lobes.
    expect(picture([shape(0, [0, 0, 6, 4, 6, 0, 0, 4])], 6, 4)).toEqual(['1....1', '11..11', '11..11', '1....1']);
  });

  it('a ring: the hole stays empty (two rings, even-odd), in either orientation', () => {
    const expected = ['11111', '1...1', '1...1', '1...1', '11111'];
    expect(picture([shape(0, rect(0, 0, 5, 5), rect(1, 1, 4, 4))], 5, 5)).toEqual(expected);
    expect(picture([shape(0, rect(0, 0, 5, 5), [1, 1, 1, 4, 4, 4, 4, 1])], 5, 5)).toEqual(expected);
    // A 1-pixel hole.
    expect(picture([shape(0, rect(0, 0, 3, 3), rect(1, 1, 2, 2))], 3, 3)).toEqual(['111', '1.1', '111']);
  });

  it('several pieces in one object, sharing only a corner', () => {
    expect(picture([shape(0, rect(0, 0, 1, 1), rect(1, 1, 2, 2))], 2, 2)).toEqual(['1.', '.1']);
  });

  it('degenerate and tiny polygons cover nothing, and are reported', () => {
    const shapes = [
      shape(0, []), // no vertices
      shape(1, [1, 1, 3, 1]), // two vertices
      shape(2, [0, 0, 4, 0, 2, 0]), // collinear: zero area
      shape(3, rect(1.1, 1.1, 1.4, 1.4)), // inside one pixel, missing its centre
      shape(4, rect(1.4, 1.4, 1.6, 1.6)), // tiny, around a centre: one pixel
      shape(5, [0, 0, NaN, 1, 2, 2]), // non-finite: ignored
    ];
    const { labels, report } = rasterizeShapes(shapes, 4, 4);
    expect(report.emptyObjects).toEqual([0, 1, 2, 3, 5]);
    expect(Array.from(labels).filter((v) => v !== 0)).toEqual([5]);
    expect(labels[1 * 4 + 1]).toBe(5);
    expect(report.pixelCounts[4]).toBe(1);
  });

  it('clips to the image and handles objects wholly outside', () => {
    const { labels, report } = rasterizeShapes([shape(0, rect(-2, -2, 2, 2)), shape(1, rect(10, 10, 12, 12)), shape(2, rect(-5, 1, 99, 2))], 4, 3);
    expect(report.pixelCounts[0]).toBe(2); // 4 inside the image, 2 of them under object 2
    expect(report.overlapPixels).toBe(2);
    expect(report.emptyObjects).toEqual([1]);
    expect(Array.from(labels.subarray(4, 8))).toEqual([3, 3, 3, 3]);
  });

  it('higher z wins overlaps, input order breaks ties; overlaps are reported', () => {
    const shapes = [shape(5, rect(0, 0, 3, 1)), shape(1, rect(2, 0, 5, 1)), shape(5, rect(4, 0, 6, 1))];
    // Painted z 1 (index 1) first, then index 0 and index 2 (equal z: input order).
    expect(picture(shapes, 6, 1)).toEqual(['111233']);
    const { report, order } = rasterizeShapes(shapes, 6, 1);
    expect(order).toEqual([1, 0, 2]);
    expect(report.overlapPixels).toBe(2);
    expect(report.overlaps).toEqual([
      { lower: 1, upper: 0, pixels: 1 },
      { lower: 1, upper: 2, pixels: 1 },
    ]);
    expect(Array.from(report.pixelCounts)).toEqual([3, 1, 2]);
  });

  it('an object hidden entirely under a higher one is empty; a pixel under three counts once', () => {
    const shapes = [shape(0, rect(0, 0, 2, 2)), shape(1, rect(0, 0, 2, 2)), shape(2, rect(0, 0, 1, 1))];
    const { report } = rasterizeShapes(shapes, 2, 2);
    expect(report.emptyObjects).toEqual([0]);
    expect(report.overlapPixels).toBe(4);
    expect(Array.from(report.pixelCounts)).toEqual([0, 3, 1]);
  });

  it('matches a brute-force point-in-polygon test on random polygons', () => {
    let seed = 12345;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let trial = 0; trial < 40; trial++) {
      const ring: number[] = [];
      for (let i = 0, n = 3 + Math.floor(random() * 8); i < n; i++) ring.push(random() * 24 - 2, random() * 24 - 2);
      const { labels } = rasterizeShapes([shape(0, ring)], 20, 20);
      for (let y = 0; y < 20; y++) {
        for (let x = 0; x < 20; x++) expect(labels[y * 20 + x], `trial ${trial} pixel ${x},${y}`).toBe(evenOdd(ring, x + 0.5, y + 0.5) ? 1 : 0);
      }
    }
  });
});

/** Classic crossing test with the same half-open rule (random vertices never hit centres). */
function evenOdd(ring: number[], px: number, py: number): boolean {
  let inside = false;
  for (let i = 0, n = ring.length; i < n; i += 2) {
    const x0 = ring[i], y0 = ring[i + 1], x1 = ring[(i + 2) % n], y1 = ring[(i + 3) % n];
    if (y0 <= py !== y1 <= py && px < x0 + ((py - y0) * (x1 - x0)) / (y1 - y0)) inside = !inside;
  }
  return inside;
}
