/**
 * PNGs decoded in bands of rows, for images too large to hold whole (core/tiles.ts): the IDAT
 * data is inflated piece by piece and unfiltered row by row, so memory stays at one band plus
 * the row above, whatever the image's size. Same layouts as pngDirect.ts (not interlaced, 8 or
 * 16 bits, gray, RGB, gray + alpha with the alpha dropped, RGBA) and the same CRC checks.
 */
import { FileFormatError } from '../errors';
import type { Channels } from '../raster';
import { crc32 } from './crc32';
import type { PngHeader } from './png';
import { unfilterRow } from './pngDirect';
import { streamingInflater } from './zlib';

const IDAT = 0x49444154, IEND = 0x49454e44, IHDR = 0x49484452;
const SAMPLES: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };
/** Compressed bytes handed to the inflater at once: bounds what one step can produce. */
const PIECE = 64 * 1024;

export interface RowBand {
  /** `count` rows of width · channels samples each, from the start (the buffer is reused: copy what you keep). */
  samples: Uint8Array | Uint16Array;
  count: number;
}

/** Channels a band holds for a header pngDirect.canDecodeDirect accepts. */
export function bandChannels(header: PngHeader): Channels {
  return header.colorType === 4 ? 1 : (SAMPLES[header.colorType] as Channels);
}

/**
 * Yields the image in bands of up to `bandRows` rows, top to bottom. The header must pass
 * canDecodeDirect and the caller's size check. Throws FileFormatError naming the file for a
 * damaged chunk, bad compressed data, data that inflates to more or less than the header implies.
 */
export function* pngBands(fileName: string, bytes: Uint8Array, header: PngHeader, bandRows: number): Generator<RowBand> {
  const { width, height, bitDepth, colorType } = header;
  const samples = SAMPLES[colorType];
  const bpp = (samples * bitDepth) / 8;
  const rowBytes = width * bpp;
  const channels = bandChannels(header);
  const stride = bitDepth / 8, skip = (samples - channels) * stride;
  const band = bitDepth === 16 ? new Uint16Array(width * channels * bandRows) : new Uint8Array(width * channels * bandRows);
  const rows = new Uint8Array(2 * rowBytes); // this row and the one above, alternating halves
  const filtered = new Uint8Array(rowBytes + 1);
  let filled = 0; // bytes of `filtered` collected
  let y = 0, inBand = 0;
  const inflater = streamingInflater((rowBytes + 1) * height);
  const fail = (reason: string) => new FileFormatError(fileName, `corrupt or truncated PNG: ${reason}`);

  /** Unfilters the row in `filtered` and converts it into the band. */
  function takeRow(): void {
    const at = (y & 1) * rowBytes;
    unfilterRow(filtered, 0, rows, at, rowBytes, bpp, y > 0, at ? rowBytes : -rowBytes);
    let o = inBand * width * channels;
    if (stride === 1 && skip === 0) band.set(rows.subarray(at, at + rowBytes), o);
    else {
      for (let x = 0, i = at; x < width; x++, i += skip) {
        for (let c = 0; c < channels; c++, i += stride) band[o++] = stride === 2 ? (rows[i] << 8) | rows[i + 1] : rows[i];
      }
    }
    y++;
    inBand++;
  }

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let sawData = false;
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = view.getUint32(at), type = view.getUint32(at + 4);
    const end = at + 12 + length;
    if (end > bytes.length) throw fail('the file ends inside a chunk');
    if ((type === IHDR || type === IDAT) && crc32(bytes, at + 4, end - 4) !== view.getUint32(end - 4)) {
      throw fail("a chunk's checksum does not match its data (the file is damaged)");
    }
    const next = end;
    const nextType = next + 8 <= bytes.length ? view.getUint32(next + 4) : IEND;
    if (type === IDAT) {
      sawData = true;
      for (let from = at + 8; from < end - 4; from += PIECE) {
        const to = Math.min(end - 4, from + PIECE);
        let pieces: Uint8Array[];
        try {
          pieces = inflater.push(bytes.subarray(from, to), nextType !== IDAT && to === end - 4);
        } catch (error) {
          throw fail(error instanceof Error ? error.message : String(error));
        }
        for (const piece of pieces) {
          for (let p = 0; p < piece.length; ) {
            const n = Math.min(piece.length - p, rowBytes + 1 - filled);
            filtered.set(piece.subarray(p, p + n), filled);
            filled += n;
            p += n;
            if (filled === rowBytes + 1) {
              if (y >= height) throw fail('the compressed data holds more rows than the header gives');
              try {
                takeRow();
              } catch (error) {
                throw fail(error instanceof Error ? error.message : String(error));
              }
              filled = 0;
              if (inBand === bandRows) {
                yield { samples: band, count: inBand };
                inBand = 0;
              }
            }
          }
        }
      }
    }
    if (type === IEND) break;
    at = next;
  }
  if (!sawData) throw fail('no image data (IDAT chunk)');
  if (y < height || filled > 0) throw fail(`the compressed data holds ${y} of the ${height} rows the header gives`);
  if (inBand > 0) yield { samples: band, count: inBand };
}
