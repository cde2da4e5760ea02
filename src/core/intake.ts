/**
 * From file bytes to what the app stores and shows: decode, normalize 16-bit data by the
 * dataset rule, parse the Cellomics name, make a thumbnail. Used by the intake Web Worker,
 * the demo generator and the CLI, so an image looks the same everywhere.
 */
import { parseCellomicsName, type CellomicsName } from './cellomics';
import { FileFormatError } from './errors';
import { decodeImage } from './formats/decode';
import { normalizationWindow, normalizeTo8Bit } from './normalize';
import type { Channels, Raster, Raster16, Raster8 } from './raster';
import { makeThumbnail } from './thumbnail';

/** Longest side of PreparedImage.thumbnail, pixels. */
export const THUMBNAIL_SIDE = 96;

/**
 * An image ready for annotation. Every raster in it owns its own ArrayBuffer (no two share
 * one, none is a view into a larger buffer), so all can be transferred from a worker at once.
 */
export interface PreparedImage {
  name: string; // file name as given
  format: 'png' | 'jpeg' | 'tiff' | 'c01' | 'generated';
  width: number; // pixels
  height: number; // pixels
  channels: Channels;
  sourceBitDepth: 8 | 16;
  /** The decoded 16-bit data, kept for re-windowing and true pixel values; null for 8-bit sources. */
  original: Raster16 | null;
  /** What is shown and annotated: 8-bit sources as decoded, 16-bit ones normalized by the dataset rule. */
  display: Raster8;
  /** The window used to make `display`, in original sample values; null for 8-bit sources. */
  normalization: { low: number; high: number } | null;
  /** Plate, well, field and channel when the name follows the Cellomics pattern. */
  cellomics: CellomicsName | null;
  /** `display` downscaled to at most THUMBNAIL_SIDE pixels on its longer side. */
  thumbnail: Raster8;
}

/**
 * Decodes and prepares one image file. Throws FileFormatError ("<file>: <reason>") for
 * anything that cannot be read; nothing else is thrown for bad input.
 */
export function prepareImage(fileName: string, bytes: Uint8Array): PreparedImage {
  const { format, raster } = decodeImage(fileName, bytes);
  return prepareRaster(fileName, raster, format);
}

/**
 * Prepares an already decoded raster (also used for generated demo images). The raster is
 * kept, not copied: as `display` when 8-bit, as `original` when 16-bit; the caller must not
 * reuse its buffer. Throws FileFormatError for a raster without pixels.
 */
export function prepareRaster(fileName: string, raster: Raster, format: PreparedImage['format']): PreparedImage {
  const { width, height, channels } = raster;
  if (width <= 0 || height <= 0 || raster.data.length !== width * height * channels) {
    throw new FileFormatError(fileName, `the image has an invalid size (${width} x ${height}, ${raster.data.length} samples)`);
  }
  let display: Raster8, original: Raster16 | null = null, normalization: PreparedImage['normalization'] = null;
  if (raster.bitDepth === 16) {
    original = ownBuffer(raster);
    normalization = normalizationWindow(original);
    display = normalizeTo8Bit(original, normalization);
  } else {
    display = ownBuffer(raster);
  }
  return { ...describeImage(fileName, format, { width, height, channels, bitDepth: raster.bitDepth }, normalization, display), original, display };
}

/** What a prepared image says about itself, whole or tiled; the thumbnail is made from `shown` (the display or an overview of it). */
export function describeImage(
  fileName: string,
  format: PreparedImage['format'],
  { width, height, channels, bitDepth }: { width: number; height: number; channels: Channels; bitDepth: 8 | 16 },
  normalization: PreparedImage['normalization'],
  shown: Raster8,
): Omit<PreparedImage, 'original' | 'display'> {
  return { name: fileName, format, width, height, channels, sourceBitDepth: bitDepth, normalization, cellomics: parseCellomicsName(fileName), thumbnail: makeThumbnail(shown, THUMBNAIL_SIDE) };
}

/** The raster itself when its data spans its whole buffer, else a compact copy. */
function ownBuffer<T extends Raster>(raster: T): T {
  const data = raster.data;
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) return raster;
  return { ...raster, data: data.slice() };
}
