import { describe, expect, it } from 'vitest';
import type { Raster } from './raster';
import { ancestorTile, levelForZoom, needsTiles, PyramidBuilder, pyramidLayout, tileRect, tilesInBox, type Pyramid, type Tile } from './tiles';

/** An image with a different value almost everywhere (gray, or RGB with `channels` 3). */
function generated(width: number, height: number, channels: 1 | 3, bitDepth: 8 | 16): Raster {
  const data = bitDepth === 8 ? new Uint8Array(width * height * channels) : new Uint16Array(width * height * channels);
  const max = bitDepth === 8 ? 256 : 65536;
  for (let y = 0, i = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) data[i++] = (x * 7 + y * 13 + c * 101 + ((x * y) >> 5)) % max;
  return { width, height, channels, bitDepth, data } as Raster;
}

/** Every tile the builder emits for `raster`, fed in bands of `bandRows`. */
function buildAll(raster: Raster, tileSize: number, bandRows: number): { pyramid: Pyramid; tiles: Map<string, Tile>; histogram: Uint32Array } {
  const pyramid = pyramidLayout(raster.width, raster.height, raster.channels, raster.bitDepth, tileSize);
  const tiles = new Map<string, Tile>();
  const builder = new PyramidBuilder(pyramid, (tile) => {
    const key = `${tile.level}:${tile.index}`;
    expect(tiles.has(key), `tile ${key} emitted twice`).toBe(false);
    tiles.set(key, tile);
  });
  const rowLength = raster.width * raster.channels;
  for (let y = 0; y < raster.height; y += bandRows) {
    const count = Math.min(bandRows, raster.height - y);
    builder.pushRows(raster.data.subarray(y * rowLength, (y + count) * rowLength), count);
  }
  builder.finish();
  return { pyramid, tiles, histogram: builder.histogram };
}

/** Level `level` of the image computed directly: each pixel the rounded mean of its block of level-0 pixels. */
function expectedLevel(raster: Raster, level: number): { width: number; height: number; data: number[] } {
  let current = { width: raster.width, height: raster.height, data: Array.from(raster.data) };
  const c = raster.channels;
  for (let l = 0; l < level; l++) {
    const width = Math.ceil(current.width / 2), height = Math.ceil(current.height / 2);
    const data: number[] = [];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        for (let k = 0; k < c; k++) {
          let sum = 0, n = 0;
          for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
            const sx = 2 * x + dx, sy = 2 * y + dy;
            if (sx < current.width && sy < current.height) {
              sum += current.data[(sy * current.width + sx) * c + k];
              n++;
            }
          }
          data.push(Math.floor((sum + (n >> 1)) / n));
        }
      }
    }
    current = { width, height, data };
  }
  return current;
}

describe('pyramid layout', () => {
  it('halves each level (rounded up) until one tile holds it', () => {
    const pyramid = pyramidLayout(3000, 2000, 1, 8, 256);
    expect(pyramid.levels).toEqual([
      { width: 3000, height: 2000, columns: 12, rows: 8 },
      { width: 1500, height: 1000, columns: 6, rows: 4 },
      { width: 750, height: 500, columns: 3, rows: 2 },
      { width: 375, height: 250, columns: 2, rows: 1 },
      { width: 188, height: 125, columns: 1, rows: 1 },
    ]);
    expect(tileRect(pyramid, 0, 11)).toEqual({ x: 2816, y: 0, width: 184, height: 256 });
    expect(tileRect(pyramid, 0, 95)).toEqual({ x: 2816, y: 1792, width: 184, height: 208 });
    expect(pyramidLayout(20000, 20000, 1, 8).levels.map((level) => level.columns)).toEqual([40, 20, 10, 5, 3, 2, 1]);
  });

  it('tiles images above the canvas side or 64 MP, not the dataset’s', () => {
    expect(needsTiles(1104, 1104)).toBe(false);
    expect(needsTiles(16384, 4000)).toBe(false);
    expect(needsTiles(17000, 3000)).toBe(true);
    expect(needsTiles(9000, 9000)).toBe(true);
  });

  it('picks the coarsest level whose pixels are no larger than a screen pixel', () => {
    const pyramid = pyramidLayout(20000, 20000, 1, 8);
    expect(levelForZoom(pyramid, 4)).toBe(0);
    expect(levelForZoom(pyramid, 1)).toBe(0);
    expect(levelForZoom(pyramid, 0.6)).toBe(0);
    expect(levelForZoom(pyramid, 0.5)).toBe(1);
    expect(levelForZoom(pyramid, 0.3)).toBe(1);
    expect(levelForZoom(pyramid, 0.045)).toBe(4);
    expect(levelForZoom(pyramid, 0.0001)).toBe(6); // never past the last level
  });

  it('finds the tiles a view box touches, and each tile’s ancestors', () => {
    const pyramid = pyramidLayout(3000, 2000, 1, 8, 256);
    expect(tilesInBox(pyramid, 0, { minX: 250, minY: 10, maxX: 520, maxY: 260 })).toEqual([0, 1, 2, 12, 13, 14]);
    expect(tilesInBox(pyramid, 1, { minX: -100, minY: -100, maxX: 100, maxY: 100 })).toEqual([0]);
    expect(tilesInBox(pyramid, 0, { minX: 2990, minY: 1990, maxX: 5000, maxY: 5000 })).toEqual([95]);
    expect(tilesInBox(pyramid, 0, { minX: 3000, minY: 0, maxX: 4000, maxY: 100 })).toEqual([]);
    // Level-0 tile (column 11, row 7) lies in level-1 tile (5, 3), level-2 tile (2, 1), level 4's only tile.
    expect(ancestorTile(pyramid, 0, 95, 1)).toBe(3 * 6 + 5);
    expect(ancestorTile(pyramid, 0, 95, 2)).toBe(1 * 3 + 2);
    expect(ancestorTile(pyramid, 0, 95, 4)).toBe(0);
  });
});

describe('PyramidBuilder', () => {
  for (const [width, height, channels, bitDepth, bandRows, tileSize] of [[3000, 2000, 1, 8, 256, 256], [1201, 803, 3, 8, 97, 128], [3000, 2000, 1, 16, 1000, 256]] as const) {
    it(`gives every tile of every level exactly: ${width} x ${height}, ${channels} channel(s) of ${bitDepth} bits fed ${bandRows} rows at a time`, () => {
      const raster = generated(width, height, channels, bitDepth);
      const { pyramid, tiles, histogram } = buildAll(raster, tileSize, bandRows);
      expect(tiles.size).toBe(pyramid.levels.reduce((n, level) => n + level.columns * level.rows, 0));
      for (const [level, layout] of pyramid.levels.entries()) {
        const expected = expectedLevel(raster, level);
        expect([expected.width, expected.height]).toEqual([layout.width, layout.height]);
        for (let index = 0; index < layout.columns * layout.rows; index++) {
          const rect = tileRect(pyramid, level, index);
          const tile = tiles.get(`${level}:${index}`)!;
          expect(tile.data.length).toBe(rect.width * rect.height * channels);
          for (let y = 0; y < rect.height; y++) {
            for (let i = 0; i < rect.width * channels; i++) {
              const want = expected.data[((rect.y + y) * layout.width + rect.x) * channels + i];
              if (tile.data[y * rect.width * channels + i] !== want) throw new Error(`level ${level} tile ${index} row ${y} sample ${i}: ${tile.data[y * rect.width * channels + i]}, expected ${want}`);
            }
          }
        }
      }
      expect(histogram.reduce((n, count) => n + count, 0)).toBe(raster.data.length);
      expect(histogram[raster.data[12345]]).toBeGreaterThan(0);
    });
  }

  it('refuses more or fewer rows than the image has', () => {
    const pyramid = pyramidLayout(10, 10, 1, 8, 4);
    const builder = new PyramidBuilder(pyramid, () => {});
    builder.pushRows(new Uint8Array(90), 9);
    expect(() => builder.finish()).toThrow(/9 rows given of the image's 10/);
    expect(() => builder.pushRows(new Uint8Array(20), 2)).toThrow(/more rows/);
  });
});
