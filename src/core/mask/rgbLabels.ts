/**
 * Colour masks to labels, fast. A mask is mostly black and otherwise long runs of one colour,
 * so the work is done per run, not per pixel: zero bytes are skipped four at a time, and
 * 8-bit RGB PNGs are read from their filtered rows without unfiltering them first. With the
 * Sub filter a run of equal pixels is a run of zero bytes; with Up, zero bytes repeat the row
 * above, whose labels are copied. (About twice as fast as decoding to RGB and then labelling:
 * what keeps importing the dataset's 50 masks near a second on a slow machine.)
 */
import { FileFormatError } from '../errors';
import { unfilterRow } from '../formats/pngDirect';

/** Most objects (distinct colours or values) a mask may have. */
export const MAX_MASK_OBJECTS = 65535;

/** Colour (0xRRGGBB) → label 1, 2, … in order of first appearance. */
export class ColourIndex {
  readonly values: number[] = [];
  private readonly labels = new Map<number, number>();
  constructor(private readonly fileName: string) {}

  labelOf(key: number): number {
    let label = this.labels.get(key);
    if (label === undefined) {
      if (this.values.length === MAX_MASK_OBJECTS) throw tooManyValues(this.fileName);
      this.values.push(key);
      this.labels.set(key, (label = this.values.length));
    }
    return label;
  }
}

export function tooManyValues(fileName: string): FileFormatError {
  return new FileFormatError(fileName, `more than ${MAX_MASK_OBJECTS} different colours or values: not an object mask (an anti-aliased or photographic picture?)`);
}

/** Labels of 8-bit RGB pixels (3 bytes each, rows top to bottom). */
export function labelRgbPixels(index: ColourIndex, pixels: Uint8Array, width: number, height: number): Uint32Array {
  const labels = new Uint32Array(width * height);
  const data = pixels.byteOffset % 4 === 0 ? pixels : pixels.slice(); // word access needs alignment
  const words = wordsOf(data);
  for (let y = 0; y < height; y++) labelRgbRow(index, data, words, y * width * 3, labels, y * width, width);
  return labels;
}

/**
 * Labels straight from the filtered rows of an 8-bit RGB PNG (see pngDirect.inflatePngRows):
 * Sub and Up rows run by run, other filters unfiltered one row at a time.
 */
export function labelRgbPngRows(index: ColourIndex, filtered: Uint8Array, width: number, height: number): Uint32Array {
  const labels = new Uint32Array(width * height);
  const words = wordsOf(filtered);
  const rowBytes = width * 3;
  const rows = new Uint8Array(2 * rowBytes); // the row above, then this row (other filters)
  const rowWords = wordsOf(rows);
  const colourAt = (p: number) => (labels[p] === 0 ? 0 : index.values[labels[p] - 1]);
  for (let y = 0; y < height; y++) {
    const from = y * (rowBytes + 1) + 1, end = from + rowBytes, row = y * width;
    const filter = filtered[from - 1];
    if (filter === 0 || (filter === 2 && y === 0)) {
      labelRgbRow(index, filtered, words, from, labels, row, width);
    } else if (filter === 1) {
      // Sub: a pixel is its left neighbour plus its bytes; zero bytes continue the run.
      for (let x = 0, r = 0, g = 0, b = 0; x < width; ) {
        const i = from + 3 * x;
        r = (r + filtered[i]) & 0xff;
        g = (g + filtered[i + 1]) & 0xff;
        b = (b + filtered[i + 2]) & 0xff;
        const next = Math.floor((firstNonZero(filtered, words, i + 3, end) - from) / 3);
        const key = (r << 16) | (g << 8) | b;
        if (key !== 0) labels.fill(index.labelOf(key), row + x, row + next);
        x = next;
      }
    } else if (filter === 2) {
      // Up: zero bytes repeat the row above (same colour, so the same label).
      for (let x = 0; x < width; ) {
        const i = from + 3 * x;
        if (filtered[i] === 0 && filtered[i + 1] === 0 && filtered[i + 2] === 0) {
          const next = Math.floor((firstNonZero(filtered, words, i, end) - from) / 3);
          labels.copyWithin(row + x, row - width + x, row - width + next);
          x = next;
          continue;
        }
        const above = colourAt(row - width + x);
        const key = ((((above >> 16) + filtered[i]) & 0xff) << 16) | ((((above >> 8) + filtered[i + 1]) & 0xff) << 8) | ((above + filtered[i + 2]) & 0xff);
        if (key !== 0) labels[row + x] = index.labelOf(key);
        x++;
      }
    } else {
      // Average, Paeth (rare in masks): rebuild the row above's bytes, unfilter, then label.
      for (let x = 0; x < width; x++) {
        const colour = y > 0 ? colourAt(row - width + x) : 0;
        rows[3 * x] = colour >> 16;
        rows[3 * x + 1] = (colour >> 8) & 0xff;
        rows[3 * x + 2] = colour & 0xff;
      }
      unfilterRow(filtered, from - 1, rows, rowBytes, rowBytes, 3, y > 0);
      labelRgbRow(index, rows, rowWords, rowBytes, labels, row, width);
    }
  }
  return labels;
}

/** Labels one row of unfiltered RGB bytes starting at data[from]. */
function labelRgbRow(index: ColourIndex, data: Uint8Array, words: Uint32Array, from: number, labels: Uint32Array, row: number, width: number): void {
  const end = from + 3 * width;
  for (let x = 0; x < width; ) {
    const i = from + 3 * x;
    const r = data[i], g = data[i + 1], b = data[i + 2];
    let next = x + 1;
    if ((r | g | b) === 0) {
      next = Math.floor((firstNonZero(data, words, i + 3, end) - from) / 3);
    } else {
      for (let j = i + 3; next < width && data[j] === r && data[j + 1] === g && data[j + 2] === b; j += 3) next++;
      labels.fill(index.labelOf((r << 16) | (g << 8) | b), row + x, row + next);
    }
    x = next;
  }
}

/** A Uint32Array over the whole words of `bytes` (which must start on a 4-byte boundary). */
function wordsOf(bytes: Uint8Array): Uint32Array {
  if (bytes.byteOffset % 4 !== 0) throw new RangeError('byte data must start on a 4-byte boundary');
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
}

/** Index of the first non-zero byte in bytes[from, end), or `end`; whole zero words at a time. */
function firstNonZero(bytes: Uint8Array, words: Uint32Array, from: number, end: number): number {
  let at = from;
  while (at < end && at % 4 !== 0) {
    if (bytes[at] !== 0) return at;
    at++;
  }
  let w = at >> 2;
  const lastWord = end >> 2;
  while (w < lastWord && words[w] === 0) w++;
  for (at = Math.max(at, w << 2); at < end; at++) if (bytes[at] !== 0) return at;
  return end;
}
