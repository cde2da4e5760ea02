/**
 * A DEFLATE (RFC 1951) encoder that does no searching of its own: the caller supplies the
 * tokens (literal bytes and back-references it already knows to be right), and this module
 * writes them as dynamic-Huffman blocks inside a zlib (RFC 1950) stream. For label masks the
 * caller finds the matches from the pixel structure (runs, repeated rows) far faster than a
 * general-purpose matcher hashing every byte; see pngLabels.ts.
 *
 * Output is a pure function of the token sequence: byte-identical in every JavaScript engine.
 */
import { canonicalCodes, huffmanLengths } from './huffman';

/** Tokens per block: each block gets Huffman tables fitted to its own statistics. */
const BLOCK_TOKENS = 1 << 16;
const END_OF_BLOCK = 256;
/** Order in which code-length code lengths are sent (RFC 1951 §3.2.7). */
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Length symbols 257..285 for lengths 3..258, with their extra bits; same for distances. */
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const LENGTH_CODE = codeTable(LENGTH_BASE, 258);
const DIST_CODE = codeTable(DIST_BASE, 32768);

export const MAX_MATCH = 258;
export const MIN_MATCH = 3;
export const MAX_DISTANCE = 32768;

/** index → the code whose range holds it: table[v] = i with base[i] <= v < base[i + 1]. */
function codeTable(base: number[], max: number): Uint8Array {
  const table = new Uint8Array(max + 1);
  for (let code = 0, v = base[0]; v <= max; v++) {
    while (code + 1 < base.length && base[code + 1] <= v) code++;
    table[v] = code;
  }
  return table;
}

export class ZlibTokenWriter {
  private out = new Uint8Array(1 << 16);
  private pos = 0;
  private bits = 0; // pending bits, least significant first
  private bitCount = 0;
  /** Per token: 0 for a literal, else the match length; `values` holds the byte or distance. */
  private lengths = new Uint16Array(BLOCK_TOKENS);
  private values = new Uint16Array(BLOCK_TOKENS);
  private count = 0;

  constructor() {
    this.out[0] = 0x78; // deflate, 32 KB window
    this.out[1] = 0x01; // "fastest" compression level hint; (0x78 << 8 | 0x01) % 31 === 0
    this.pos = 2;
  }

  literal(byte: number): void {
    this.lengths[this.count] = 0;
    this.values[this.count] = byte;
    if (++this.count === BLOCK_TOKENS) this.flushBlock(false);
  }

  /**
   * Copies `length` bytes from `distance` bytes back (1..32768); lengths of any size from 3 up
   * are split into DEFLATE's 3..258 pieces. The caller guarantees the bytes really repeat.
   */
  match(length: number, distance: number): void {
    while (length > 0) {
      // Never leave a remainder of 1 or 2, which DEFLATE cannot express as a match.
      const piece = length <= MAX_MATCH ? length : length - MAX_MATCH < MIN_MATCH ? length - MIN_MATCH : MAX_MATCH;
      this.lengths[this.count] = piece;
      this.values[this.count] = distance;
      if (++this.count === BLOCK_TOKENS) this.flushBlock(false);
      length -= piece;
    }
  }

  /** Ends the stream with the Adler-32 of the uncompressed data, which only the caller knows. */
  finish(adler32: number): Uint8Array {
    this.flushBlock(true);
    if (this.bitCount > 0) this.writeBits(0, 8 - this.bitCount);
    this.reserve(4);
    for (let shift = 24; shift >= 0; shift -= 8) this.out[this.pos++] = (adler32 >>> shift) & 0xff;
    return this.out.slice(0, this.pos);
  }

  private flushBlock(final: boolean): void {
    const { lengths, values, count } = this;
    const litFreq = new Uint32Array(286), distFreq = new Uint32Array(30);
    for (let i = 0; i < count; i++) {
      if (lengths[i] === 0) litFreq[values[i]]++;
      else {
        litFreq[257 + LENGTH_CODE[lengths[i]]]++;
        distFreq[DIST_CODE[values[i]]]++;
      }
    }
    litFreq[END_OF_BLOCK] = 1;
    // zlib's inflate rejects incomplete codes except a lone one-bit code; two used symbols per
    // alphabet keep every code complete (deflate implementations do the same).
    forceTwoSymbols(litFreq);
    forceTwoSymbols(distFreq);
    const litLengths = huffmanLengths(litFreq, 15), distLengths = huffmanLengths(distFreq, 15);
    const litCodes = canonicalCodes(litLengths), distCodes = canonicalCodes(distLengths);

    this.writeBits(final ? 1 : 0, 1);
    this.writeBits(2, 2); // dynamic Huffman
    this.writeTables(litLengths, distLengths);
    for (let i = 0; i < count; i++) {
      const length = lengths[i], value = values[i];
      if (length === 0) {
        this.writeBits(litCodes[value], litLengths[value]);
        continue;
      }
      const lc = LENGTH_CODE[length], dc = DIST_CODE[value];
      this.writeBits(litCodes[257 + lc], litLengths[257 + lc]);
      if (LENGTH_EXTRA[lc]) this.writeBits(length - LENGTH_BASE[lc], LENGTH_EXTRA[lc]);
      this.writeBits(distCodes[dc], distLengths[dc]);
      if (DIST_EXTRA[dc]) this.writeBits(value - DIST_BASE[dc], DIST_EXTRA[dc]);
    }
    this.writeBits(litCodes[END_OF_BLOCK], litLengths[END_OF_BLOCK]);
    this.count = 0;
  }

  /** HLIT, HDIST, HCLEN and the run-length coded code lengths (RFC 1951 §3.2.7). */
  private writeTables(litLengths: Uint8Array, distLengths: Uint8Array): void {
    const hlit = Math.max(257, lastUsed(litLengths) + 1), hdist = Math.max(1, lastUsed(distLengths) + 1);
    const all = [...litLengths.subarray(0, hlit), ...distLengths.subarray(0, hdist)];
    const symbols: number[] = [], extras: number[] = [];
    for (let i = 0; i < all.length; ) {
      const value = all[i];
      let run = 1;
      while (i + run < all.length && all[i + run] === value) run++;
      i += run;
      if (value === 0) {
        for (; run >= 11; run -= Math.min(run, 138)) symbols.push(18), extras.push(Math.min(run, 138) - 11);
        if (run >= 3) symbols.push(17), extras.push(run - 3), (run = 0);
      } else {
        symbols.push(value), extras.push(0), run--;
        for (; run >= 3; run -= Math.min(run, 6)) symbols.push(16), extras.push(Math.min(run, 6) - 3);
      }
      for (; run > 0; run--) symbols.push(value), extras.push(0);
    }
    const clFreq = new Uint32Array(19);
    for (const s of symbols) clFreq[s]++;
    forceTwoSymbols(clFreq);
    const clLengths = huffmanLengths(clFreq, 7), clCodes = canonicalCodes(clLengths);
    let hclen = 19;
    while (hclen > 4 && clLengths[CL_ORDER[hclen - 1]] === 0) hclen--;
    this.writeBits(hlit - 257, 5);
    this.writeBits(hdist - 1, 5);
    this.writeBits(hclen - 4, 4);
    for (let i = 0; i < hclen; i++) this.writeBits(clLengths[CL_ORDER[i]], 3);
    symbols.forEach((s, i) => {
      this.writeBits(clCodes[s], clLengths[s]);
      if (s >= 16) this.writeBits(extras[i], s === 16 ? 2 : s === 17 ? 3 : 7);
    });
  }

  /** Appends the low `n` bits of `value` (n ≤ 16), least significant first. */
  private writeBits(value: number, n: number): void {
    this.bits |= value << this.bitCount;
    this.bitCount += n;
    if (this.bitCount >= 8) {
      this.reserve(2);
      while (this.bitCount >= 8) {
        this.out[this.pos++] = this.bits & 0xff;
        this.bits >>>= 8;
        this.bitCount -= 8;
      }
    }
  }

  private reserve(bytes: number): void {
    if (this.pos + bytes <= this.out.length) return;
    const grown = new Uint8Array(this.out.length * 2);
    grown.set(this.out);
    this.out = grown;
  }
}

/** Gives unused symbols a frequency of 1 until at least two are in use. */
function forceTwoSymbols(freq: Uint32Array): void {
  for (let s = 0, used = freq.filter((f) => f > 0).length; used < 2; s++) {
    if (freq[s] === 0) (freq[s] = 1), used++;
  }
}

function lastUsed(lengths: Uint8Array): number {
  let i = lengths.length - 1;
  while (i >= 0 && lengths[i] === 0) i--;
  return i;
}
