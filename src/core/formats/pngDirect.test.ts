import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import type { Raster } from '../raster';
import { createRng } from '../random';
import { rasterDifference } from '../testing/rasters';
import { writeFilteredPng } from '../testing/filteredPng';
import { sharedDataDir } from '../testing/sharedData';
import { decodePng } from './png';

const dir = sharedDataDir();

describe('decodePng direct path', () => {
  it('undoes every row filter (None, Sub, Up, Average, Paeth) for gray, RGB and RGBA', () => {
    const rng = createRng(3);
    for (const channels of [1, 3, 4] as const) {
      const width = 13, height = 15;
      const data = new Uint8Array(width * height * channels).map(() => (rng.chance(0.5) ? 0 : rng.int(0, 255)));
      const png = writeFilteredPng(width, height, channels, data, (y) => y % 5);
      expect(decodePng('f.png', png)).toEqual({ width, height, channels, bitDepth: 8, data });
    }
  });

  it('refuses a damaged IDAT by its CRC, and an unknown filter, naming the file', () => {
    const png = writeFilteredPng(4, 4, 3, new Uint8Array(48).fill(7), () => 1);
    const damaged = png.slice();
    damaged[45] ^= 0xff; // inside the IDAT data
    expect(() => decodePng('d.png', damaged)).toThrow(/^d\.png: corrupt or truncated PNG: the IDAT chunk's checksum does not match its data \(the file is damaged\)$/);
    const badFilter = writeFilteredPng(2, 2, 1, new Uint8Array(4), (y) => (y === 1 ? 9 : 0));
    expect(() => decodePng('f.png', badFilter)).toThrow(/^f\.png: corrupt or truncated PNG: unknown row filter 9$/);
  });

  it.skipIf(!dir)('gives the same pixels as fast-png for the shared data (dev images, masks, 16-bit inputs)', () => {
    const folders = ['aitslab-bioimaging1/dev', 'normalization'].map((f) => join(dir!, f));
    let files = 0;
    for (const folder of folders) {
      for (const name of readdirSync(folder).filter((n) => n.endsWith('.png'))) {
        const bytes = readFileSync(join(folder, name));
        const ours = decodePng(name, bytes), theirs = decode(bytes);
        const reference = { width: theirs.width, height: theirs.height, channels: ours.channels, bitDepth: theirs.depth, data: theirs.data } as Raster;
        expect(rasterDifference(ours, reference), name).toBeNull();
        files++;
      }
    }
    expect(files).toBeGreaterThan(20);
  });
});
