/**
 * Decompression bombs: a TIFF's header gives its size, but its strips (or tiles) may inflate to
 * far more, and the `tiff` library inflates whatever they hold. Before it does, each compressed
 * strip's inflated length is counted here without keeping the output (memory stays at one small
 * piece), and a strip that would exceed what the header implies is refused.
 */
import { Unzlib } from 'fflate';
import type { TiffIfd } from 'tiff';
import { FileFormatError } from '../errors';

const LZW = 5;
const DEFLATE = new Set([8, 32946]);
/** Compressed input is fed in pieces this big, so one piece's output stays small (deflate: ≤ ~1000×). */
const PIECE_BYTES = 4 * 1024;

export interface StripLayout {
  width: number;
  height: number;
  bits: number;
  samples: number;
}

/** Refuses, naming the file, a TIFF whose strips or tiles are more, or inflate to more, than the header allows. */
export function checkInflatedSizes(fileName: string, bytes: Uint8Array, ifd: TiffIfd, layout: StripLayout): void {
  const compression = ifd.compression;
  const { width, height, bits, samples } = layout;
  const tiled = ifd.tiled;
  const pieceWidth = tiled ? Number(ifd.get('TileWidth')) : width;
  const pieceHeight = tiled ? Number(ifd.get('TileLength')) : Math.min(height, Number(ifd.get('RowsPerStrip') ?? height));
  if (!(pieceWidth > 0 && pieceHeight > 0)) throw new FileFormatError(fileName, `corrupt TIFF: ${tiled ? 'tile' : 'strip'} size ${pieceWidth} x ${pieceHeight}`);
  const expectedPieces = Math.ceil(width / pieceWidth) * Math.ceil(height / pieceHeight);
  const offsets = asList(ifd.get(tiled ? 'TileOffsets' : 'StripOffsets'));
  const counts = asList(ifd.get(tiled ? 'TileByteCounts' : 'StripByteCounts'));
  const what = tiled ? 'tiles' : 'strips';
  if (offsets.length !== expectedPieces || counts.length !== expectedPieces) {
    throw new FileFormatError(fileName, `corrupt TIFF: ${offsets.length} ${what} listed, ${expectedPieces} expected for ${width} x ${height} pixels`);
  }
  const limit = Math.ceil((pieceWidth * samples * bits) / 8) * pieceHeight;
  const inflatedLength = compression === LZW ? lzwLength : DEFLATE.has(compression) ? deflateLength : null;
  offsets.forEach((offset, i) => {
    const data = bytes.subarray(offset, offset + counts[i]);
    const length = inflatedLength ? inflatedLength(data, limit) : data.length;
    if (length > limit) {
      throw new FileFormatError(fileName, `TIFF ${what.slice(0, -1)} ${i + 1} holds more than the ${limit} bytes its ${pieceWidth} x ${pieceHeight} pixels need (a decompression bomb or a corrupt file)`);
    }
  });
}

function asList(value: unknown): number[] {
  if (value === undefined) return [];
  return typeof value === 'number' ? [value] : Array.from(value as ArrayLike<number>);
}

/** Bytes a zlib stream inflates to, counting no further than just past `limit`. A damaged stream counts what it gave. */
function deflateLength(data: Uint8Array, limit: number): number {
  let total = 0;
  const inflater = new Unzlib((chunk) => {
    total += chunk.length;
  });
  try {
    for (let at = 0; at < data.length && total <= limit; at += PIECE_BYTES) {
      inflater.push(data.subarray(at, at + PIECE_BYTES), at + PIECE_BYTES >= data.length);
    }
  } catch {
    // Damaged data: the decoder reports it; only the size matters here.
  }
  return total;
}

const CLEAR = 256, END = 257, FIRST_FREE = 258, MAX_CODES = 4096;

/**
 * Bytes a TIFF LZW stream (codes MSB first, 9 to 12 bits, one code early) decodes to, from the
 * length of each table entry alone, counting no further than just past `limit`.
 */
function lzwLength(data: Uint8Array, limit: number): number {
  const lengths = new Uint32Array(MAX_CODES).fill(1, 0, 256);
  let total = 0, next = FIRST_FREE, width = 9, previous = -1;
  let bitBuffer = 0, bitCount = 0, at = 0;
  while (total <= limit) {
    while (bitCount < width && at < data.length) {
      bitBuffer = ((bitBuffer << 8) | data[at++]) & 0xffffff;
      bitCount += 8;
    }
    if (bitCount < width) break;
    const code = (bitBuffer >> (bitCount - width)) & ((1 << width) - 1);
    bitCount -= width;
    if (code === END) break;
    if (code === CLEAR) {
      next = FIRST_FREE, width = 9, previous = -1;
      continue;
    }
    if (previous < 0) {
      if (code > 255) break; // damaged: the decoder reports it
      total += 1;
    } else {
      if (code > next || next >= MAX_CODES) break;
      lengths[next] = lengths[previous] + 1;
      total += lengths[code]; // a code just being defined (code === next) has that new length
      next++;
      if (next === (1 << width) - 1 && width < 12) width++;
    }
    previous = code;
  }
  return total;
}
