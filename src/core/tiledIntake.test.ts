import { describe, expect, it } from 'vitest';
import { encodePng, readPngHeader } from './formats/png';
import { pngBands } from './formats/pngBands';
import { decodePngDirect } from './formats/pngDirect';
import { deflateZlib } from './formats/zlib';
import { pngChunk } from './formats/pngLabels';
import { writeFilteredPng } from './testing/filteredPng';
import { writeTiff } from './formats/tiffWriter';
import { prepareImageFile, isTiled } from './tiledIntake';
import { tileRect, type Tile } from './tiles';
import type { Raster } from './raster';
import { FileFormatError } from './errors';

function generated(width: number, height: number, channels: 1 | 2 | 3 | 4, bitDepth: 8 | 16): Raster {
  const length = width * height * channels;
  const data = bitDepth === 8 ? new Uint8Array(length) : new Uint16Array(length);
  for (let i = 0; i < length; i++) data[i] = (i * 2654435761) % (bitDepth === 8 ? 251 : 65521);
  return { width, height, channels, bitDepth, data } as Raster;
}

/** The bands joined back into one array of samples. */
function joined(bytes: Uint8Array, bandRows: number): { samples: number[]; counts: number[] } {
  const header = readPngHeader(bytes);
  const samples: number[] = [];
  const counts: number[] = [];
  for (const band of pngBands('x.png', bytes, header, bandRows)) {
    counts.push(band.count);
    const length = band.samples.length / bandRows * band.count;
    for (let i = 0; i < length; i++) samples.push(band.samples[i]);
  }
  return { samples, counts };
}

/** A PNG whose IDAT holds `raw` (filter bytes included) as given, however many rows that is. */
function pngOfRaw(width: number, height: number, raw: Uint8Array, idats = 1): Uint8Array {
  const header = new Uint8Array(13);
  new DataView(header.buffer).setUint32(0, width);
  new DataView(header.buffer).setUint32(4, height);
  header[8] = 8;
  const compressed = deflateZlib(raw);
  const cut = Math.ceil(compressed.length / idats);
  const parts = [Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10), pngChunk('IHDR', header)];
  for (let at = 0; at < compressed.length; at += cut) parts.push(pngChunk('IDAT', compressed.subarray(at, at + cut)));
  parts.push(pngChunk('IEND', new Uint8Array(0)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

describe('PNG decoded in bands', () => {
  it('gives the same samples as the whole-image decoder, for every filter and layout', () => {
    const gray = generated(301, 203, 1, 8);
    const filtered = writeFilteredPng(301, 203, 1, gray.data as Uint8Array, (y) => y % 5);
    expect(joined(filtered, 64)).toEqual({ samples: Array.from(gray.data), counts: [64, 64, 64, 11] });
    for (const raster of [generated(120, 77, 3, 8), generated(120, 77, 4, 8), generated(120, 77, 1, 16), generated(64, 50, 3, 16)]) {
      const bytes = encodePng(raster);
      const whole = decodePngDirect(bytes, readPngHeader(bytes));
      expect(joined(bytes, 10).samples).toEqual(Array.from(whole.data));
    }
  });

  it('reads IDAT data split over several chunks', () => {
    const raster = generated(300, 300, 1, 8);
    const raw = new Uint8Array(301 * 300);
    for (let y = 0; y < 300; y++) raw.set(raster.data.subarray(y * 300, (y + 1) * 300) as Uint8Array, y * 301 + 1);
    expect(joined(pngOfRaw(300, 300, raw, 7), 128).samples).toEqual(Array.from(raster.data));
  });

  it('refuses data that inflates to more or fewer rows than the header gives, and damaged chunks', () => {
    const tooMuch = pngOfRaw(100, 10, new Uint8Array(101 * 11));
    expect(() => joined(tooMuch, 4)).toThrow(/x.png: corrupt or truncated PNG: the compressed data (inflates to more|holds more rows)/);
    const tooLittle = pngOfRaw(100, 10, new Uint8Array(101 * 9));
    expect(() => joined(tooLittle, 4)).toThrow(/holds 9 of the 10 rows/);
    const damaged = pngOfRaw(100, 10, new Uint8Array(101 * 10));
    damaged[45] ^= 0xff; // inside the IDAT data
    expect(() => joined(damaged, 4)).toThrow(FileFormatError);
    expect(() => joined(damaged, 4)).toThrow(/checksum/);
  });
});

describe('prepareImageFile', () => {
  const small = { tileSize: 64, tiled: (width: number) => width > 200 };

  it('tiles a large PNG band by band: every tile stored, the overview as thumbnail, the histogram of all samples', async () => {
    const raster = generated(700, 300, 1, 8);
    const batches: Tile[][] = [];
    const image = await prepareImageFile('big.png', encodePng(raster), async (tiles) => void batches.push(tiles), small);
    if (!isTiled(image)) throw new Error('expected a tiled image');
    expect(image.pyramid.levels.map((level) => [level.columns, level.rows])).toEqual([[11, 5], [6, 3], [3, 2], [2, 1], [1, 1]]);
    expect(batches.length).toBeGreaterThan(4); // written as bands finish, not all at the end
    const tiles = batches.flat();
    expect(tiles.length).toBe(11 * 5 + 6 * 3 + 3 * 2 + 2 + 1);
    const corner = tiles.find((tile) => tile.level === 0 && tile.index === 54)!;
    const rect = tileRect(image.pyramid, 0, 54);
    expect([rect.width, rect.height]).toEqual([700 - 640, 300 - 256]);
    expect(corner.data[rect.width * rect.height - 1]).toBe(raster.data[700 * 300 - 1]);
    expect(image.histogram.reduce((n, count) => n + count, 0)).toBe(700 * 300);
    expect([image.thumbnail.width, image.thumbnail.height]).toEqual([44, 19]); // the overview tile (with 512-px tiles it is over 256 px: downscaled to 96)
    expect(image.normalization).toBeNull();
  });

  it('normalizes a tiled 16-bit image by the dataset window of all its samples', async () => {
    const raster = generated(500, 100, 1, 16);
    const image = await prepareImageFile('deep.png', encodePng(raster), async () => {}, small);
    if (!isTiled(image)) throw new Error('expected a tiled image');
    expect(image.sourceBitDepth).toBe(16);
    expect(image.normalization!.high).toBeGreaterThan(image.normalization!.low);
    expect(image.histogram.length).toBe(65536);
  });

  it('tiles a large image of a format decoded whole (16-bit TIFF) the same way', async () => {
    const raster = generated(450, 130, 1, 16);
    const tiles: Tile[] = [];
    const image = await prepareImageFile('well.tif', writeTiff({ width: 450, height: 130, bits: 16, data: raster.data }), async (batch) => void tiles.push(...batch), small);
    if (!isTiled(image)) throw new Error('expected a tiled image');
    expect([image.format, image.pyramid.bitDepth, image.pyramid.levels.length]).toEqual(['tiff', 16, 4]);
    const first = tiles.find((tile) => tile.level === 0 && tile.index === 0)!;
    expect(first.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(first.data.subarray(0, 64))).toEqual(Array.from(raster.data.subarray(0, 64)));
    expect(first.data[64]).toBe(raster.data[450]); // the tile's second row is the image's second row
  });

  it('keeps small images as rasters', async () => {
    const image = await prepareImageFile('small.png', encodePng(generated(100, 100, 1, 8)), async () => {
      throw new Error('no tiles expected');
    }, small);
    expect(isTiled(image)).toBe(false);
  });

  it('refuses a PNG over 400 megapixels from its header, before decoding', async () => {
    const header = new Uint8Array(13);
    new DataView(header.buffer).setUint32(0, 30000);
    new DataView(header.buffer).setUint32(4, 20000);
    header[8] = 8;
    const bytes = new Uint8Array([...Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10), ...pngChunk('IHDR', header), ...pngChunk('IEND', new Uint8Array(0))]);
    await expect(prepareImageFile('huge.png', bytes, async () => {})).rejects.toThrow('huge.png: PNG image is too large: 30000 x 20000 = 600000000 pixels, over the limit of 400 megapixels');
  });
});
