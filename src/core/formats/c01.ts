/**
 * Cellomics .C01 (Thermo ArrayScan / CellInsight) reading and writing, as Bio-Formats reads it:
 * 4 bytes (ignored), then a zlib stream. Inflated: a 52-byte little-endian header (int32 header
 * size, int32 width, int32 height, int16 planes, int16 bits per pixel, int32 compression,
 * int32 image size, int32 x / y pixels per metre, int32 colours used, int32 colours important,
 * padding) followed by width * height uint16 little-endian pixels, rows top to bottom.
 * Only width, height and bits per pixel are used; the other fields are informational.
 *
 * Inflates with fflate's streaming class itself (piece by piece, see below); whole-buffer zlib
 * work elsewhere goes through zlib.ts.
 */
import { Unzlib, zlibSync } from 'fflate';
import { FileFormatError } from '../errors';
import { MAX_IMAGE_BYTES, type Raster16 } from '../raster';
import { checkImageSize, describeError } from './common';

const PREFIX_BYTES = 4;
const HEADER_BYTES = 52;
/** The prefix the reference containers carry; readers skip it, so any value would do. */
const PREFIX = [0, 0, 0, 0x10];
/**
 * Compressed bytes handed to the inflater at a time. Deflate expands at most ~1032:1, so
 * one piece inflates to at most ~17 MB before the size check below can stop a zip bomb.
 */
const PIECE_BYTES = 16 * 1024;

/** True when the name ends in ".c01" (any case): the format has no magic number. */
export function isC01Name(fileName: string): boolean {
  return fileName.toLowerCase().endsWith('.c01');
}

/**
 * Decodes a .C01 file to a one-channel 16-bit raster. The stream is inflated piece by piece
 * into a buffer sized from the header, so a corrupt or hostile stream can never make it
 * allocate more than the header's (already limit-checked) size.
 * Throws FileFormatError for: a file too short, a zlib error, bits per pixel other than 16, a
 * size above MAX_IMAGE_BYTES, or inflated data whose length is not 52 + 2 * width * height.
 */
export function decodeC01(fileName: string, bytes: Uint8Array): Raster16 {
  if (bytes.length < PREFIX_BYTES + 2 + 4) {
    throw new FileFormatError(fileName, `the file is ${bytes.length} bytes, too short for a Cellomics .C01 file`);
  }
  const header = new Uint8Array(HEADER_BYTES);
  let received = 0; // inflated bytes so far, header included
  let expected = HEADER_BYTES + MAX_IMAGE_BYTES; // until the header is known
  let pixels: Uint16Array | null = null;
  let pixelBytes: Uint8Array | null = null;
  let width = 0, height = 0;

  const checksum = new Adler32();
  const onData = (chunk: Uint8Array): void => {
    checksum.update(chunk);
    let from = 0;
    if (received < HEADER_BYTES) {
      from = Math.min(chunk.length, HEADER_BYTES - received);
      header.set(chunk.subarray(0, from), received);
      received += from;
      if (received < HEADER_BYTES) return;
      ({ width, height } = readHeader(fileName, header));
      expected = HEADER_BYTES + 2 * width * height;
      pixels = new Uint16Array(width * height);
      pixelBytes = new Uint8Array(pixels.buffer);
    }
    const rest = chunk.length - from;
    if (received + rest > expected) {
      throw new FileFormatError(fileName, `inflated data is larger than ${expected} bytes, the size the header gives (52-byte header + ${width} x ${height} x 2)`);
    }
    pixelBytes!.set(chunk.subarray(from), received - HEADER_BYTES);
    received += rest;
  };

  const inflater = new Unzlib(onData);
  const stream = bytes.subarray(PREFIX_BYTES);
  try {
    for (let at = 0; at < stream.length; at += PIECE_BYTES) {
      inflater.push(stream.subarray(at, at + PIECE_BYTES), at + PIECE_BYTES >= stream.length);
    }
  } catch (error) {
    if (error instanceof FileFormatError) throw error;
    throw new FileFormatError(fileName, `corrupt or truncated .C01: zlib error: ${describeError(error)}`);
  }
  if (!pixels || received !== expected) {
    const what = pixels ? `${expected} bytes (52-byte header + ${width} x ${height} x 2)` : 'at least the 52-byte header';
    throw new FileFormatError(fileName, `inflated data is ${received} bytes, expected ${what}`);
  }
  // fflate does not verify zlib's Adler-32 trailer; without this, damage inside stored
  // (uncompressed) deflate blocks would pass as wrong pixel values.
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  if (checksum.value() !== view.getUint32(stream.length - 4)) {
    throw new FileFormatError(fileName, 'corrupt .C01: the zlib checksum does not match the data (the file is damaged)');
  }
  if (!LITTLE_ENDIAN) swapBytes(pixels);
  return { width, height, channels: 1, bitDepth: 16, data: pixels };
}

function readHeader(fileName: string, header: Uint8Array): { width: number; height: number } {
  const view = new DataView(header.buffer);
  const width = view.getInt32(4, true), height = view.getInt32(8, true), bits = view.getInt16(14, true);
  if (bits !== 16) throw new FileFormatError(fileName, `.C01 with ${bits} bits per pixel is not supported (only 16)`);
  checkImageSize(fileName, '.C01', { width, height, channels: 1, bitsPerSample: 16 });
  return { width, height };
}

/**
 * Writes a one-channel 16-bit raster as .C01 (the inverse of decodeC01; header fields as the
 * reference containers have them). Used by tests, the demo and benchmarks.
 * Throws RangeError for rasters with more than one channel, which the format cannot hold.
 */
export function encodeC01(raster: Raster16, level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6): Uint8Array {
  if (raster.channels !== 1) throw new RangeError(`a .C01 file holds one channel, the raster has ${raster.channels}`);
  const { width, height } = raster;
  const plain = new Uint8Array(HEADER_BYTES + 2 * width * height);
  const view = new DataView(plain.buffer);
  view.setInt32(0, HEADER_BYTES, true);
  view.setInt32(4, width, true);
  view.setInt32(8, height, true);
  view.setInt16(12, 1, true); // planes
  view.setInt16(14, 16, true); // bits per pixel
  view.setInt32(20, 2 * width * height, true); // image size in bytes; compression and the rest stay 0
  for (let i = 0; i < raster.data.length; i++) view.setUint16(HEADER_BYTES + 2 * i, raster.data[i], true);
  const zlib = zlibSync(plain, { level });
  const out = new Uint8Array(PREFIX_BYTES + zlib.length);
  out.set(PREFIX);
  out.set(zlib, PREFIX_BYTES);
  return out;
}

/** zlib's running checksum (RFC 1950): two sums modulo 65521, big-endian b:a. */
class Adler32 {
  private a = 1;
  private b = 0;
  update(bytes: Uint8Array): void {
    let { a, b } = this;
    // zlib's NMAX: the longest run whose sums stay below 2^32 before the modulo; JS numbers are
    // exact far beyond that, so this only keeps the (slow) modulo rare.
    for (let start = 0; start < bytes.length; start += 5552) {
      const end = Math.min(bytes.length, start + 5552);
      for (let i = start; i < end; i++) {
        a += bytes[i];
        b += a;
      }
      a %= 65521;
      b %= 65521;
    }
    this.a = a;
    this.b = b;
  }
  value(): number {
    return ((this.b << 16) | this.a) >>> 0;
  }
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Big-endian hosts only (practically none today); typed arrays use the host byte order. */
function swapBytes(data: Uint16Array): void {
  for (let i = 0; i < data.length; i++) data[i] = ((data[i] & 0xff) << 8) | (data[i] >> 8);
}
