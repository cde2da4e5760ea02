/**
 * In-memory pixel data. Samples are interleaved, rows top to bottom, pixel (x, y) starts at
 * index (y * width + x) * channels. Grayscale stays one channel (never expanded to RGB).
 */
export type Channels = 1 | 3 | 4;
export type BitDepth = 8 | 16;

export interface Raster8 {
  width: number;
  height: number;
  channels: Channels;
  bitDepth: 8;
  data: Uint8Array;
}

export interface Raster16 {
  width: number;
  height: number;
  channels: Channels;
  bitDepth: 16;
  data: Uint16Array;
}

export type Raster = Raster8 | Raster16;

/**
 * Largest image accepted, by the memory its decoded pixels need (width x height x channels x
 * bytes per sample), checked from headers before decoding. The app holds them with an 8-bit
 * display copy and stores them in the browser, whose measured limits this stays well inside.
 */
export const MAX_IMAGE_BYTES = 256 * 2 ** 20;

/**
 * Largest image accepted at all, in pixels (400 MP, e.g. 20,000 x 20,000). Images decoded in
 * bands straight into tiles (core/tiles.ts; PNGs in the common layouts) are held to this alone,
 * never whole in memory; the others are decoded whole and held to MAX_IMAGE_BYTES as well.
 */
export const MAX_IMAGE_PIXELS = 400_000_000;

/** Sample values of pixel (x, y); x, y are integer pixel indices inside the raster. */
export function pixelAt(raster: Raster, x: number, y: number): number[] {
  const start = (y * raster.width + x) * raster.channels;
  return Array.from(raster.data.subarray(start, start + raster.channels));
}
