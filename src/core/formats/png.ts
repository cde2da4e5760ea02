/**
 * PNG reading and writing; the only module that imports fast-png. Common layouts are decoded by
 * pngDirect.ts (faster, CRC-checked); fast-png decodes the rest and encodes. Label masks are
 * encoded by pngLabels.ts.
 *
 * Decoded layouts (see raster.ts): grayscale stays 1 channel at its own depth (8 or 16 bit),
 * 1/2/4-bit grayscale is scaled to 8 bit (0..255), alpha is dropped from gray+alpha (a mask or
 * microscope image never needs it), RGB is 3 channels, RGBA 4, palette images become RGB, or
 * 1 channel when every palette entry is gray. tRNS transparency is ignored.
 *
 * Limits: the IHDR size is checked against MAX_IMAGE_BYTES before anything is inflated, but fast-png
 * inflates IDAT without an output cap, so a hostile file can still expand up to ~1000x its own
 * size before the length check below rejects it.
 */
import { decode, encode } from 'fast-png';
import { FileFormatError } from '../errors';
import type { Channels, Raster, Raster16, Raster8 } from '../raster';
import { checkImageSize, wrapLibraryErrors, type ImageSize } from './common';
import { canDecodeDirect, decodePngDirect } from './pngDirect';

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** PNG colour types (IHDR byte 25). */
const GRAY = 0, RGB = 2, PALETTE = 3, GRAY_ALPHA = 4, RGBA = 6;

export interface PngHeader {
  width: number; // pixels
  height: number; // pixels
  bitDepth: number; // bits per sample (per palette index for colour type 3): 1, 2, 4, 8 or 16
  colorType: number;
  interlaced: boolean; // Adam7
}

/** True when `bytes` start with the 8-byte PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

/**
 * Reads the IHDR chunk (always the first chunk, bytes 8..33) without decompressing anything.
 * Throws FileFormatError when the signature or IHDR is missing or the file is shorter than that.
 */
export function readPngHeader(bytes: Uint8Array, fileName = 'PNG file'): PngHeader {
  if (!isPng(bytes)) throw new FileFormatError(fileName, 'not a PNG file (no PNG signature)');
  if (bytes.length < 33) throw new FileFormatError(fileName, 'corrupt or truncated PNG: the file ends inside its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]);
  if (type !== 'IHDR') throw new FileFormatError(fileName, `corrupt PNG: first chunk is "${type}", not IHDR`);
  return {
    width: view.getUint32(16),
    height: view.getUint32(20),
    bitDepth: bytes[24],
    colorType: bytes[25],
    interlaced: bytes[28] === 1,
  };
}

/** Channels a PNG colour type decodes to (palette images to RGB). */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 3, 4: 2, 6: 4 };

/** The size of a PNG's decoded pixels, from its header. */
export function pngSize({ width, height, colorType, bitDepth }: PngHeader): ImageSize {
  return { width, height, channels: PNG_CHANNELS[colorType] ?? 4, bitsPerSample: bitDepth };
}

/** Image size in pixels from the PNG header, to check limits before decoding. */
export function readPngSize(bytes: Uint8Array, fileName?: string): { width: number; height: number } {
  const { width, height } = readPngHeader(bytes, fileName);
  return { width, height };
}

/**
 * Decodes a PNG into a Raster (layouts above). Throws FileFormatError naming `fileName` for a
 * missing signature, a size over MAX_IMAGE_BYTES (checked from IHDR before inflating) and anything
 * fast-png rejects (truncation, bad zlib data, bad filters).
 */
export function decodePng(fileName: string, bytes: Uint8Array): Raster {
  const header = readPngHeader(bytes, fileName);
  const { width, height, bitDepth, colorType } = header;
  checkImageSize(fileName, 'PNG', pngSize(header));
  if (header.interlaced && bitDepth < 8) {
    // fast-png 8 de-interlaces whole bytes only, which scrambles packed 1/2/4-bit pixels.
    throw new FileFormatError(fileName, `interlaced PNG with ${bitDepth}-bit samples is not supported`);
  }
  if (canDecodeDirect(header)) return wrapLibraryErrors(fileName, 'PNG', () => decodePngDirect(bytes, header));
  const png = wrapLibraryErrors(fileName, 'PNG', () => decode(bytes));
  return wrapLibraryErrors(fileName, 'PNG', () => {
    const expectedSamples = bitDepth < 8 ? Math.ceil((width * bitDepth) / 8) * height : width * height * png.channels;
    if (png.data.length !== expectedSamples) throw new Error(`decoded ${png.data.length} samples, expected ${expectedSamples}`);
    switch (colorType) {
      case GRAY:
        return bitDepth < 8 ? raster8(width, height, 1, unpackGray(png.data as Uint8Array, header)) : raster(width, height, 1, png.data);
      case RGB:
        return raster(width, height, 3, png.data);
      case RGBA:
        return raster(width, height, 4, png.data);
      case GRAY_ALPHA:
        return raster(width, height, 1, firstOfEach(png.data as Uint8Array | Uint16Array, 2));
      case PALETTE:
        return expandPalette(fileName, png.data as Uint8Array, png.palette ?? [], header);
      default:
        throw new FileFormatError(fileName, `corrupt PNG: unknown colour type ${colorType}`);
    }
  });
}

/**
 * Encodes a raster as PNG at its own bit depth: 1 channel → grayscale, 3 → RGB, 4 → RGBA.
 * No alpha is added, no palette is used (so `_objects.png` masks come out as colour type 2).
 */
export function encodePng(raster: Raster): Uint8Array {
  return encode({
    width: raster.width,
    height: raster.height,
    data: raster.data,
    depth: raster.bitDepth,
    channels: raster.channels,
  });
}

function raster(width: number, height: number, channels: Channels, data: ArrayLike<number>): Raster {
  // fast-png returns a Uint16Array for 16-bit and a Uint8Array otherwise, each owning its buffer.
  if (data instanceof Uint16Array) return { width, height, channels, bitDepth: 16, data } satisfies Raster16;
  return raster8(width, height, channels, data instanceof Uint8Array ? data : Uint8Array.from(data));
}

function raster8(width: number, height: number, channels: Channels, data: Uint8Array): Raster8 {
  return { width, height, channels, bitDepth: 8, data };
}

/** Every `stride`-th sample starting at 0 (drops alpha from gray+alpha). */
function firstOfEach<T extends Uint8Array | Uint16Array>(data: T, stride: number): T {
  const out = new (data.constructor as new (n: number) => T)(data.length / stride);
  for (let i = 0, j = 0; j < out.length; i += stride, j++) out[j] = data[i];
  return out;
}

/**
 * Unpacks rows of 1/2/4-bit values (rows padded to whole bytes, most significant bits first)
 * into one byte per pixel holding the raw value.
 */
function unpackRows(data: Uint8Array, { width, height, bitDepth }: PngHeader): Uint8Array {
  if (bitDepth === 8) return data;
  const out = new Uint8Array(width * height);
  const rowBytes = Math.ceil((width * bitDepth) / 8), mask = (1 << bitDepth) - 1;
  for (let y = 0, k = 0; y < height; y++) {
    const row = y * rowBytes;
    for (let x = 0; x < width; x++, k++) {
      const bit = x * bitDepth;
      out[k] = (data[row + (bit >> 3)] >> (8 - bitDepth - (bit & 7))) & mask;
    }
  }
  return out;
}

/** 1/2/4-bit gray to 0..255: multiplying by 255 / (2^depth - 1) (255, 85, 17) is exact. */
function unpackGray(data: Uint8Array, header: PngHeader): Uint8Array {
  const out = unpackRows(data, header);
  const scale = 255 / ((1 << header.bitDepth) - 1);
  for (let i = 0; i < out.length; i++) out[i] *= scale;
  return out;
}

/** Palette indices to RGB, or to 1 channel when the whole palette is gray. Alpha is dropped. */
function expandPalette(fileName: string, data: Uint8Array, palette: number[][], header: PngHeader): Raster8 {
  if (palette.length === 0) throw new FileFormatError(fileName, 'corrupt PNG: palette image without a PLTE chunk');
  const indices = unpackRows(data, header);
  const gray = palette.every(([r, g, b]) => r === g && g === b);
  const channels = gray ? 1 : 3;
  const lut = new Uint8Array(palette.length * channels);
  palette.forEach((colour, i) => lut.set(colour.slice(0, channels), i * channels));
  const out = new Uint8Array(indices.length * channels);
  for (let i = 0, o = 0; i < indices.length; i++) {
    const index = indices[i];
    if (index >= palette.length) {
      throw new FileFormatError(fileName, `corrupt PNG: palette index ${index} beyond the ${palette.length}-entry palette`);
    }
    for (let c = 0; c < channels; c++) out[o++] = lut[index * channels + c];
  }
  return raster8(header.width, header.height, channels, out);
}
