/**
 * PNG writer for tests that picks the row filter of every row (fast-png always writes filter 0),
 * so decoders can be checked on Sub, Up, Average and Paeth rows. 8-bit samples only.
 */
import { deflateZlib } from '../formats/zlib';
import { pngChunk } from '../formats/pngLabels';

/**
 * `data`: interleaved 8-bit samples, rows top to bottom; `channels` 1 (gray), 3 (RGB) or 4
 * (RGBA); `filterOf(y)` the filter type (0..4) for row y.
 */
export function writeFilteredPng(width: number, height: number, channels: 1 | 3 | 4, data: Uint8Array, filterOf: (y: number) => number): Uint8Array {
  const rowBytes = width * channels;
  const raw = new Uint8Array((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    const filter = filterOf(y), out = y * (rowBytes + 1);
    raw[out] = filter;
    for (let i = 0; i < rowBytes; i++) {
      const at = y * rowBytes + i;
      const a = i >= channels ? data[at - channels] : 0, b = y > 0 ? data[at - rowBytes] : 0;
      const c = i >= channels && y > 0 ? data[at - rowBytes - channels] : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      raw[out + 1 + i] = (data[at] - predictor) & 0xff;
    }
  }
  const header = new Uint8Array(13);
  new DataView(header.buffer).setUint32(0, width);
  new DataView(header.buffer).setUint32(4, height);
  header[8] = 8;
  header[9] = { 1: 0, 3: 2, 4: 6 }[channels];
  const parts = [Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10), pngChunk('IHDR', header), pngChunk('IDAT', deflateZlib(raw)), pngChunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

