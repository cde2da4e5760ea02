/**
 * zlib (RFC 1950) streams through fflate, for the modules that need whole-buffer compression:
 * PNG decoding, TIFF writing and ZIP entries read one by one (zipReader.ts), and piece-by-piece
 * inflation and compression for images and masks handled in bands. (c01.ts streams its inflate piece by piece and uses fflate's
 * streaming class itself.)
 */
import { inflateSync, Unzlib, unzlibSync, Zlib, zlibSync } from 'fflate';

/**
 * Inflates a zlib stream that must produce exactly `length` bytes. The output buffer is
 * allocated once with one spare byte, so a stream that would inflate to more is caught
 * without ever allocating more than `length + 1` bytes (a zip bomb cannot exhaust memory).
 * Throws Error for damaged data or a length other than `length`; fflate does not verify
 * the Adler-32 trailer, so callers should check their own checksums (PNG: chunk CRCs).
 */
export function inflateExact(data: Uint8Array, length: number): Uint8Array {
  const out = unzlibSync(data, { out: new Uint8Array(length + 1) });
  if (out.length !== length) {
    const what = out.length > length ? 'more than' : `${out.length} bytes, not`;
    throw new Error(`the compressed data inflates to ${what} the ${length} bytes the header implies`);
  }
  return out.subarray(0, length);
}

/** zlib-compresses `data` (level 0 stores, 9 is smallest); deterministic for a given level. */
export function deflateZlib(data: Uint8Array, level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6): Uint8Array {
  return zlibSync(data, { level });
}

/**
 * Inflates raw DEFLATE data (a ZIP entry) that must produce exactly `length` bytes, with the
 * same bound as inflateExact: at most `length + 1` bytes are ever allocated.
 */
export function inflateRawExact(data: Uint8Array, length: number): Uint8Array {
  const out = inflateSync(data, { out: new Uint8Array(length + 1) });
  if (out.length !== length) {
    const what = out.length > length ? 'more than' : `${out.length} bytes, not`;
    throw new Error(`the compressed data inflates to ${what} the ${length} bytes declared`);
  }
  return out.subarray(0, length);
}

/**
 * A zlib stream inflated piece by piece: `push` hands each piece of compressed data to the
 * inflater and returns what it produced (possibly nothing). Throws once the output would pass
 * `limit` bytes, so a bomb is stopped after at most one piece beyond the limit.
 */
export function streamingInflater(limit: number): { push(piece: Uint8Array, last: boolean): Uint8Array[] } {
  let produced: Uint8Array[] = [];
  let total = 0;
  const inflater = new Unzlib((chunk) => {
    total += chunk.length;
    if (total > limit) throw new Error(`the compressed data inflates to more than the ${limit} bytes the header implies`);
    produced.push(chunk);
  });
  return {
    push(piece, last) {
      inflater.push(piece, last);
      const out = produced;
      produced = [];
      return out;
    },
  };
}

/** A zlib stream compressed piece by piece (masks written in bands): `push` returns what is ready. */
export function streamingDeflater(level: 1 | 6 = 6): { push(piece: Uint8Array, last: boolean): Uint8Array[] } {
  let produced: Uint8Array[] = [];
  const deflater = new Zlib({ level }, (chunk) => void produced.push(chunk));
  return {
    push(piece, last) {
      deflater.push(piece, last);
      const out = produced;
      produced = [];
      return out;
    },
  };
}
