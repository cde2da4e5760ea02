/** Hand-made Cellomics .C01 files for tests: any header, any inflated content. */
import { zlibSync } from 'fflate';

/** A .C01 container around arbitrary inflated content: 4 prefix bytes + zlib. */
export function c01Container(plain: Uint8Array): Uint8Array {
  const zlib = zlibSync(plain);
  const out = new Uint8Array(4 + zlib.length);
  out.set(zlib, 4);
  return out;
}

/** Inflated content: 52-byte header claiming width x height x bits, then `pixelBytes` bytes. */
export function plainC01(width: number, height: number, pixelBytes: number, bits = 16): Uint8Array {
  const plain = new Uint8Array(52 + pixelBytes);
  const view = new DataView(plain.buffer);
  view.setInt32(0, 52, true);
  view.setInt32(4, width, true);
  view.setInt32(8, height, true);
  view.setInt16(12, 1, true);
  view.setInt16(14, bits, true);
  return plain;
}
