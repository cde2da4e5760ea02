/**
 * Fast PNG writing for label images: every pixel holds an index, and a palette turns indices
 * into pixel values (an `_objects.png` colour, a 16-bit label, or 0/255 for a binary mask).
 *
 * Why not fast-png: its zlib (fflate) hashes every byte, ~50 ms for one 1104 x 1104 RGB mask,
 * five times OpenCV's whole export. Masks are runs: a pixel equals its left neighbour or the
 * pixel above almost everywhere. So the matches are read off the pixels (distance one pixel:
 * a run; distance one row: a repeated row) and handed to a DEFLATE token writer; no search,
 * ~3 ms per mask, files as small as zlib's, and byte-identical output in every engine.
 * Rows use filter 0 (none); the zlib checksum is computed per run of equal pixels.
 */
import { crc32 } from './crc32';
import { streamingDeflater } from './zlib';
import { MAX_DISTANCE, MAX_MATCH, MIN_MATCH, ZlibTokenWriter } from './deflate/writer';

/** rgb8: colour type 2 (palette entries 0xRRGGBB); gray16 / gray8: colour type 0. */
export type LabelPngFormat = 'rgb8' | 'gray16' | 'gray8';

const LAYOUT: Record<LabelPngFormat, { bpp: number; colorType: number; bitDepth: number }> = {
  rgb8: { bpp: 3, colorType: 2, bitDepth: 8 },
  gray16: { bpp: 2, colorType: 0, bitDepth: 16 },
  gray8: { bpp: 1, colorType: 0, bitDepth: 8 },
};

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const ADLER_MOD = 65521;

/**
 * Encodes `indices` (width * height entries, rows top to bottom) as a PNG whose pixel (x, y) is
 * `palette[indices[y * width + x]]`. Palette values must fit the format (24, 16 or 8 bits);
 * every index must be < palette.length. No alpha, no PLTE, no ancillary chunks.
 */
export function encodeLabelPng(width: number, height: number, indices: Uint32Array, palette: Uint32Array, format: LabelPngFormat): Uint8Array {
  const { bpp, colorType, bitDepth } = LAYOUT[format];
  if (indices.length !== width * height) throw new RangeError(`${indices.length} indices for a ${width} x ${height} image`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = bitDepth;
  header[9] = colorType; // compression, filter method and interlace stay 0
  const idat = compressRows(width, height, indices, palette, bpp);
  const chunks = [pngChunk('IHDR', header), pngChunk('IDAT', idat), pngChunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(8 + chunks.reduce((sum, c) => sum + c.length, 0));
  out.set(SIGNATURE);
  let at = 8;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** One PNG chunk: length, type, data and CRC. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** One row as maximal runs of equal pixel values: run i is [starts[i], starts[i + 1]). */
class RowRuns {
  readonly starts: Int32Array;
  readonly values: Uint32Array;
  count = 0;
  constructor(width: number) {
    this.starts = new Int32Array(width + 1);
    this.values = new Uint32Array(width);
  }
  /** Reads row `y`; the only per-pixel pass (equal indices need no palette look-up). */
  read(indices: Uint32Array, palette: Uint32Array, y: number, width: number): void {
    const { starts, values } = this;
    const row = y * width;
    let index = indices[row], value = palette[index], n = 1;
    starts[0] = 0;
    values[0] = value;
    for (let x = 1; x < width; x++) {
      const next = indices[row + x];
      if (next === index) continue;
      index = next;
      if (palette[next] === value) continue;
      value = palette[next];
      starts[n] = x;
      values[n++] = value;
    }
    starts[n] = width;
    this.count = n;
  }
}

/**
 * The zlib stream of the filtered rows (filter byte 0, then the pixels' bytes, big-endian),
 * worked out from each row's runs. At each point the cheaper way on is taken, by estimated bits
 * per pixel: repeat the pixel to the left (a distance without extra bits), or copy the row above
 * (a long distance, ~11 extra bits per 258-byte piece, but it can span several runs); a pixel
 * that starts a new run goes out as literal bytes.
 */
function compressRows(width: number, height: number, indices: Uint32Array, palette: Uint32Array, bpp: number): Uint8Array {
  const writer = new ZlibTokenWriter();
  const stride = width * bpp + 1; // one row in the stream, filter byte included
  const rowMatches = stride <= MAX_DISTANCE; // very wide images: runs only
  const leftBits = 4, upBits = 4 + distanceExtraBits(stride), literalBits = 8 * bpp;
  const pieces = (pixels: number) => Math.ceil((pixels * bpp) / MAX_MATCH);
  const shifts = bpp === 3 ? [16, 8, 0] : bpp === 2 ? [8, 0] : [0];
  const writePixel = (value: number) => {
    for (const shift of shifts) writer.literal((value >>> shift) & 0xff);
  };
  let cur = new RowRuns(width), prev = new RowRuns(width);
  const adler = { a: 1, b: 0 };

  for (let y = 0; y < height; y++) {
    cur.read(indices, palette, y, width);
    const { starts, values, count } = cur;
    adler.b = (adler.b + adler.a) % ADLER_MOD; // the filter byte 0 leaves a unchanged
    for (let r = 0; r < count; r++) adlerRun(adler, values[r], shifts, starts[r + 1] - starts[r]);
    writer.literal(0); // filter type: none

    const withAbove = y > 0 && rowMatches;
    let r = 0, pr = 0; // runs holding x in this row and in the row above
    for (let x = 0; x < width; ) {
      while (starts[r + 1] <= x) r++;
      const value = values[r], end = starts[r + 1], run = end - x;
      const repeatsLeft = x > starts[r] && run * bpp >= MIN_MATCH; // runs are maximal
      const runCost = repeatsLeft ? (leftBits * pieces(run)) / run : (literalBits + (run > 1 ? leftBits * pieces(run - 1) : 0)) / run;
      if (withAbove) {
        while (prev.starts[pr + 1] <= x) pr++;
        // Looking a little past this run is enough to judge; the full length only if chosen.
        let up = sameAsAbove(cur, r, prev, pr, x, Math.min(width, end + 32));
        if ((up - x) * bpp >= MIN_MATCH && (upBits * pieces(up - x)) / (up - x) < runCost) {
          if (up === end + 32) up = sameAsAbove(cur, r, prev, pr, x, width);
          writer.match((up - x) * bpp, stride);
          x = up;
          continue;
        }
      }
      if (!repeatsLeft) writePixel(value);
      const rest = repeatsLeft ? run : run - 1;
      if (rest * bpp >= MIN_MATCH) writer.match(rest * bpp, bpp);
      else for (let k = 0; k < rest; k++) writePixel(value);
      x = end;
    }
    [cur, prev] = [prev, cur];
  }
  return writer.finish(((adler.b << 16) | adler.a) >>> 0);
}

/**
 * The first position in [x, limit) where the row differs from the row above, or `limit`;
 * r and pr are the runs holding x in each row. Works run by run, not pixel by pixel.
 */
function sameAsAbove(cur: RowRuns, r: number, prev: RowRuns, pr: number, x: number, limit: number): number {
  let p = x;
  while (p < limit) {
    if (cur.values[r] !== prev.values[pr]) return p;
    const curEnd = cur.starts[r + 1], prevEnd = prev.starts[pr + 1];
    p = Math.min(curEnd, prevEnd);
    if (curEnd === p) r++;
    if (prevEnd === p) pr++;
  }
  return limit;
}

/** Extra bits DEFLATE spends on a distance (RFC 1951 §3.2.5): 0 up to 4, then +1 per doubling. */
function distanceExtraBits(distance: number): number {
  return distance <= 4 ? 0 : Math.floor(Math.log2(distance - 1)) - 1;
}

/**
 * Adler-32 sums after appending `n` copies of one pixel (bytes q_0..q_{m-1}, m = bpp):
 * a' = a + nP and b' = b + n·m·a + m·P·n(n-1)/2 + n·Q, with P = Σ q_i and Q = Σ (m - i)·q_i,
 * all modulo 65521; products are reduced first so they stay exact in doubles.
 */
function adlerRun(adler: { a: number; b: number }, value: number, shifts: number[], n: number): void {
  const m = shifts.length;
  let p = 0, q = 0;
  shifts.forEach((shift, i) => {
    const byte = (value >>> shift) & 0xff;
    p += byte;
    q += (m - i) * byte;
  });
  const pairs = n % 2 === 0 ? mulMod(n / 2, n - 1) : mulMod(n, (n - 1) / 2); // n(n-1)/2
  adler.b = (adler.b + mulMod(n * m, adler.a) + mulMod(m * p, pairs) + mulMod(n, q)) % ADLER_MOD;
  adler.a = (adler.a + mulMod(n, p)) % ADLER_MOD;
}

function mulMod(x: number, y: number): number {
  return ((x % ADLER_MOD) * (y % ADLER_MOD)) % ADLER_MOD;
}

/**
 * A label PNG written band by band, for images too large to hold as one label image: each band's
 * rows (`indices` as in encodeLabelPng, `rows` of them) go through `palette` into filtered rows
 * (filter 0) and a streaming zlib compressor; each compressed piece becomes an IDAT chunk.
 * `finish` returns the whole file. Palette value 0 must be the background (index 0). Slower and larger than encodeLabelPng's run-aware stream, but
 * memory is one band whatever the image's height.
 */
export class LabelPngStream {
  private readonly parts: Uint8Array[] = [];
  private readonly deflater = streamingDeflater(1); // the fastest level: a 400 MP mask is 1.2 GB of rows
  private readonly bpp: number;
  private rowsIn = 0;

  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly palette: Uint32Array,
    format: LabelPngFormat,
  ) {
    const { bpp, colorType, bitDepth } = LAYOUT[format];
    this.bpp = bpp;
    const header = new Uint8Array(13);
    const view = new DataView(header.buffer);
    view.setUint32(0, width);
    view.setUint32(4, height);
    header[8] = bitDepth;
    header[9] = colorType;
    this.parts.push(Uint8Array.from(SIGNATURE), pngChunk('IHDR', header));
  }

  addRows(indices: Uint32Array, rows: number): void {
    const { width, bpp, palette } = this;
    const raw = new Uint8Array(rows * (width * bpp + 1));
    for (let y = 0; y < rows; y++) {
      // Filter byte 0 and background (index 0, value 0) are the zeros raw starts with.
      for (let x = 0, p = y * width, o = y * (width * bpp + 1) + 1; x < width; x++, p++, o += bpp) {
        if (indices[p] === 0) continue;
        const value = palette[indices[p]];
        for (let b = 0; b < bpp; b++) raw[o + b] = (value >>> (8 * (bpp - 1 - b))) & 0xff;
      }
    }
    this.rowsIn += rows;
    this.emit(this.deflater.push(raw, this.rowsIn === this.height));
  }

  finish(): Uint8Array {
    if (this.rowsIn !== this.height) throw new RangeError(`${this.rowsIn} rows written of ${this.height}`);
    this.parts.push(pngChunk('IEND', new Uint8Array(0)));
    const out = new Uint8Array(this.parts.reduce((n, part) => n + part.length, 0));
    this.parts.reduce((at, part) => (out.set(part, at), at + part.length), 0);
    return out;
  }

  private emit(pieces: Uint8Array[]): void {
    for (const piece of pieces) if (piece.length) this.parts.push(pngChunk('IDAT', piece));
  }
}
