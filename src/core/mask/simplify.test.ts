import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ringSelfIntersects } from '../geometry';
import type { Ring } from '../objects';
import { createRng } from '../random';
import { sharedDataDir } from '../testing/sharedData';
import { importMask } from './importMask';
import { rasterizeShapes } from './rasterize';
import { simplifyExact } from './simplify';
import { traceLabels } from './trace';

const vertices = (rings: readonly Ring[]) => rings.reduce((n, ring) => n + ring.length / 2, 0);

/** The pixels (by the export's rule) of rings in a width x height image. */
const pixels = (rings: readonly Ring[], width: number, height: number) => rasterizeShapes([{ rings, z: 1 }], width, height).labels;

/** Traces label 1 of a picture given as rows of '#' (object) and '.', simplifies it, and checks it. */
function check(rows: string[]): { before: number; after: number } {
  const height = rows.length, width = rows[0].length;
  const labels = Uint32Array.from(rows.join('').split('').map((c) => (c === '#' ? 1 : 0)));
  const [rings] = traceLabels(labels, width, height, 1).rings;
  const simplified = simplifyExact(rings, { width, height });
  const outside = simplified.flatMap((ring) => ring.filter((v, i) => v < 0 || v > (i % 2 ? height : width)));
  expect(outside, 'vertices outside the image').toEqual([]);
  expect(Array.from(pixels(simplified, width, height)), rows.join('\n')).toEqual(Array.from(labels));
  if (!rings.some(ringSelfIntersects)) expect(simplified.some(ringSelfIntersects), rows.join('\n')).toBe(false);
  return { before: vertices(rings), after: vertices(simplified) };
}

describe('simplifyExact on generated hard shapes', () => {
  it('keeps the pixels of a disk with far fewer vertices', () => {
    const rows = Array.from({ length: 40 }, (_, y) => Array.from({ length: 40 }, (_, x) => ((x - 19.5) ** 2 + (y - 19.5) ** 2 < 17 ** 2 ? '#' : '.')).join(''));
    const { before, after } = check(rows);
    expect(after).toBeLessThan(before / 3);
  });

  it('keeps holes, one-pixel necks and lines, corner-touching pieces and single pixels', () => {
    check(['......', '.####.', '.#..#.', '.####.', '......']); // a hole
    check(['#####....#####', '#####.....####', '###########...', '#####....#####']); // a one-pixel neck
    check(['.#......', '.#######', '........']); // one-pixel lines
    check(['##..', '##..', '..##', '..##']); // two pieces touching at a corner
    check(['#.#', '.#.', '#.#']); // five pixels touching only at corners
    check(['#']);
    check(['....', '.#..', '....']);
  });

  it('keeps a spiral', () => {
    check([
      '###########',
      '#.........#',
      '#.#######.#',
      '#.#.....#.#',
      '#.#.###.#.#',
      '#.#.#.#.#.#',
      '#.#.#...#.#',
      '#.#.#####.#',
      '#.#.......#',
      '#.#########',
    ]);
  });

  it('keeps objects touching the image border', () => {
    check(['####', '####', '###.', '##..']);
    check(['..##', '.###', '####']);
  });

  it('keeps random blobs exactly (fuzz)', () => {
    const random = createRng(7);
    for (let trial = 0; trial < 150; trial++) {
      const size = random.int(6, 19);
      const rows = Array.from({ length: size }, () => Array.from({ length: size }, () => (random.chance(0.55) ? '#' : '.')).join(''));
      check(rows);
    }
  });

  it('leaves rings that are not pixel traces as they are', () => {
    const drawn: Ring[] = [[10.3, 10, 30.7, 12, 25, 30]];
    expect(simplifyExact(drawn)).toEqual(drawn);
  });
});

const dir = sharedDataDir();
const base = dir ? join(dir, 'aitslab-bioimaging1') : '';

describe.skipIf(!dir)('simplifyExact on the 2,096 dataset objects', () => {
  it('keeps every object exactly and needs at most a third of the vertices of the pixel-edge trace', () => {
    const before: number[] = [], after: number[] = [];
    for (const split of ['train', 'dev', 'test']) {
      for (const name of readdirSync(join(base, split)).filter((file) => file.endsWith('_objects.png'))) {
        const mask = importMask(name, readFileSync(join(base, split, name)), undefined, 'exact-dense');
        const simplified = mask.objects.map((object) => ({ rings: simplifyExact(object.rings, mask), z: object.z }));
        // Objects never overlap in a mask, so one label image per version compares every object's pixels.
        const original = rasterizeShapes(mask.objects, mask.width, mask.height).labels;
        const again = rasterizeShapes(simplified, mask.width, mask.height).labels;
        expect(again.every((label, p) => label === original[p]), name).toBe(true);
        mask.objects.forEach((object, i) => {
          if (!object.rings.some(ringSelfIntersects)) expect(simplified[i].rings.some(ringSelfIntersects), `${name} object ${object.z}`).toBe(false);
          expect(simplified[i].rings.flat().every((v) => v >= 0 && v <= 1104)).toBe(true);
          before.push(vertices(object.rings));
          after.push(vertices(simplified[i].rings));
        });
      }
    }
    expect(before).toHaveLength(2096);
    const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
    expect(mean(after)).toBeLessThan(mean(before) / 3);
  });
});
