/**
 * Intake of images too large for one canvas (core/tiles.ts `needsTiles`): instead of a raster,
 * a tile pyramid handed out band by band to `writeTiles` (the worker stores each batch before
 * the next band is decoded), so memory holds one band of tiles, never the whole image twice.
 * PNGs in the common layouts are decoded in bands (formats/pngBands.ts, up to MAX_IMAGE_PIXELS);
 * other formats are decoded whole first (within MAX_IMAGE_BYTES) and then cut into tiles.
 */
import { checkImageSize } from './formats/common';
import { decodeImage } from './formats/decode';
import { isPng, pngSize, readPngHeader } from './formats/png';
import { bandChannels, pngBands } from './formats/pngBands';
import { canDecodeDirect } from './formats/pngDirect';
import { describeImage, prepareRaster, type PreparedImage } from './intake';
import { normalizeTo8Bit, windowOfHistogram } from './normalize';
import type { Raster, Raster8 } from './raster';
import { needsTiles, PyramidBuilder, pyramidLayout, tileRect, TILE_SIZE, type Pyramid, type Tile } from './tiles';

/** A tiled image's facts: as a PreparedImage, with the pyramid (and its level-0 histogram) instead of rasters. */
export interface TiledImage extends Omit<PreparedImage, 'display' | 'original'> {
  pyramid: Pyramid;
  /** Every level-0 sample's count (256 or 65536 bins): the display panel's range and auto contrast. */
  histogram: Uint32Array;
}

/** Stores one batch of tiles; the next band is decoded only once it resolves. */
export type TileWriter = (tiles: Tile[]) => Promise<void>;

/** Tile side, and which sizes are tiled (tests use small ones). */
export interface TilingOptions {
  tileSize: number;
  tiled: (width: number, height: number) => boolean;
}

/**
 * Prepares any image file: a PreparedImage when it fits a canvas, else a TiledImage whose tiles
 * went to `writeTiles`. Throws FileFormatError ("<file>: <reason>") for anything unreadable.
 */
export async function prepareImageFile(
  fileName: string,
  bytes: Uint8Array,
  writeTiles: TileWriter,
  { tileSize, tiled }: TilingOptions = { tileSize: TILE_SIZE, tiled: needsTiles },
): Promise<PreparedImage | TiledImage> {
  if (isPng(bytes)) {
    const header = readPngHeader(bytes, fileName);
    if (canDecodeDirect(header) && tiled(header.width, header.height)) {
      checkImageSize(fileName, 'PNG', pngSize(header), Infinity);
      const pyramid = pyramidLayout(header.width, header.height, bandChannels(header), header.bitDepth === 16 ? 16 : 8, tileSize);
      return build(fileName, 'png', pyramid, pngBands(fileName, bytes, header, tileSize), writeTiles);
    }
  }
  const { format, raster } = decodeImage(fileName, bytes);
  if (!tiled(raster.width, raster.height)) return prepareRaster(fileName, raster, format);
  const pyramid = pyramidLayout(raster.width, raster.height, raster.channels, raster.bitDepth, tileSize);
  return build(fileName, format, pyramid, bandsOf(raster, tileSize), writeTiles);
}

/** A whole raster as bands of rows (views into it, no copy). */
function* bandsOf(raster: Raster, rows: number) {
  const rowLength = raster.width * raster.channels;
  for (let y = 0; y < raster.height; y += rows) {
    const count = Math.min(rows, raster.height - y);
    yield { samples: raster.data.subarray(y * rowLength, (y + count) * rowLength), count };
  }
}

async function build(
  fileName: string,
  format: PreparedImage['format'],
  pyramid: Pyramid,
  bands: Iterable<{ samples: Uint8Array | Uint16Array; count: number }>,
  writeTiles: TileWriter,
): Promise<TiledImage> {
  let batch: Tile[] = [];
  const top = pyramid.levels.length - 1;
  let topTile: Tile | null = null;
  const builder = new PyramidBuilder(pyramid, (tile) => {
    batch.push(tile);
    if (tile.level === top) topTile = tile;
  });
  const flush = async () => {
    const tiles = batch;
    batch = [];
    if (tiles.length) await writeTiles(tiles);
  };
  for (const band of bands) {
    builder.pushRows(band.samples, band.count);
    await flush();
  }
  builder.finish();
  await flush();
  const { width, height, channels, bitDepth } = pyramid;
  const normalization = bitDepth === 16 ? windowOfHistogram(builder.histogram, width * height * channels) : null;
  const { width: topWidth, height: topHeight } = tileRect(pyramid, top, 0);
  const overview = topTile!.data;
  const overview8: Raster8 =
    overview instanceof Uint16Array
      ? normalizeTo8Bit({ width: topWidth, height: topHeight, channels, bitDepth: 16, data: overview }, normalization!)
      : { width: topWidth, height: topHeight, channels, bitDepth: 8, data: overview };
  return { ...describeImage(fileName, format, pyramid, normalization, overview8), pyramid, histogram: builder.histogram };
}

export function isTiled(image: PreparedImage | TiledImage): image is TiledImage {
  return 'pyramid' in image;
}
