/**
 * Minimal baseline TIFF writer: one page, one strip (uncompressed or Deflate). The app writes
 * 16-bit label images with it (exportMask.ts); tests also produce 8/16-bit gray, RGB(A),
 * palette, float and deliberately lying headers with it, without shipping files.
 * (image-js/tiff 7 only decodes.)
 */
import { deflateZlib } from './zlib';

export interface TiffSpec {
  width: number;
  height: number;
  /** Bits per sample: 8, 16 or 32. */
  bits: 8 | 16 | 32;
  samplesPerPixel?: number; // default 1
  /** 0 WhiteIsZero, 1 BlackIsZero (default), 2 RGB, 3 palette, 5 CMYK. */
  photometric?: number;
  /** 1 unsigned (default), 2 signed, 3 float. Written only when given. */
  sampleFormat?: number;
  extraSamples?: number[]; // e.g. [2] for unassociated alpha
  colorMap?: number[]; // 3 * 2^bits 16-bit values: all reds, then greens, then blues
  bigEndian?: boolean;
  deflate?: boolean; // compress the strip with zlib (Compression 8)
  /** Tests: this strip, already compressed with `compression`, instead of `data`'s. */
  strip?: { compression: number; bytes: Uint8Array };
  /** Interleaved samples, rows top to bottom; may be shorter than the header claims. */
  data: ArrayLike<number>;
}

const SHORT = 3, LONG = 4;

/** A TIFF file for `spec`, little-endian unless `bigEndian`; pixel data first, then the IFD. */
export function writeTiff(spec: TiffSpec): Uint8Array {
  const { width, height, bits, data } = spec;
  const spp = spec.samplesPerPixel ?? 1;
  const little = !spec.bigEndian;
  const raw = sampleBytes(data, bits, little, spec.sampleFormat === 3);
  const strip = spec.strip?.bytes ?? (spec.deflate ? deflateZlib(raw) : raw);
  const pixelBytes = strip.length;
  const entries: Array<[tag: number, type: number, values: number[]]> = [
    [256, LONG, [width]],
    [257, LONG, [height]],
    [258, SHORT, new Array<number>(spp).fill(bits)],
    [259, SHORT, [spec.strip?.compression ?? (spec.deflate ? 8 : 1)]],
    [262, SHORT, [spec.photometric ?? 1]],
    [273, LONG, [8]],
    [277, SHORT, [spp]],
    [278, LONG, [height]],
    [279, LONG, [pixelBytes]],
  ];
  if (spec.colorMap) entries.push([320, SHORT, spec.colorMap]);
  if (spec.extraSamples) entries.push([338, SHORT, spec.extraSamples]);
  if (spec.sampleFormat !== undefined) entries.push([339, SHORT, new Array<number>(spp).fill(spec.sampleFormat)]);

  const ifdOffset = 8 + pixelBytes + (pixelBytes % 2);
  const ifdBytes = 2 + entries.length * 12 + 4;
  let extraOffset = ifdOffset + ifdBytes;
  const extraBytes = entries.reduce((sum, [, type, values]) => sum + outOfLine(type, values), 0);
  const out = new Uint8Array(extraOffset + extraBytes);
  const view = new DataView(out.buffer);
  out.set(little ? [0x49, 0x49, 42, 0] : [0x4d, 0x4d, 0, 42]);
  view.setUint32(4, ifdOffset, little);

  out.set(strip, 8);

  view.setUint16(ifdOffset, entries.length, little);
  entries.forEach(([tag, type, values], i) => {
    const at = ifdOffset + 2 + i * 12;
    view.setUint16(at, tag, little);
    view.setUint16(at + 2, type, little);
    view.setUint32(at + 4, values.length, little);
    let valueAt = at + 8;
    if (outOfLine(type, values) > 0) {
      view.setUint32(at + 8, extraOffset, little);
      valueAt = extraOffset;
      extraOffset += outOfLine(type, values);
    }
    values.forEach((v, k) => {
      if (type === SHORT) view.setUint16(valueAt + 2 * k, v, little);
      else view.setUint32(valueAt + 4 * k, v, little);
    });
  });
  view.setUint32(ifdOffset + ifdBytes - 4, 0, little); // no next page
  return out;
}

function sampleBytes(data: ArrayLike<number>, bits: number, little: boolean, float: boolean): Uint8Array {
  const bytesPerSample = bits / 8;
  const out = new Uint8Array(data.length * bytesPerSample);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) {
    const at = i * bytesPerSample, v = data[i];
    if (bits === 8) view.setUint8(at, v);
    else if (bits === 16) view.setUint16(at, v, little);
    else if (float) view.setFloat32(at, v, little);
    else view.setUint32(at, v, little);
  }
  return out;
}

/** Bytes a value array needs outside its IFD entry (0 when it fits in the entry's 4 bytes). */
function outOfLine(type: number, values: number[]): number {
  const size = values.length * (type === SHORT ? 2 : 4);
  return size <= 4 ? 0 : size;
}
