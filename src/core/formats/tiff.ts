/**
 * TIFF reading; the only module that imports `tiff` (image-js/tiff v7).
 *
 * Only the first page (IFD) is read. Accepted: unsigned-integer samples of 8 or 16 bits
 * (grayscale → 1 channel, RGB → 3, RGB + alpha → 4, gray + extra sample → 1), bilevel (1 bit,
 * scaled to 0/255) and 8-bit palette images (→ RGB, or 1 channel when the palette is gray);
 * uncompressed, LZW or Deflate; strips, or tiles for single-channel images. Everything else
 * (float, signed, 32-bit, CMYK/YCbCr, planar colour, rotated orientations, JPEG/PackBits
 * compression) is refused with a FileFormatError naming the feature, never decoded wrongly.
 */
import { decode, type TiffIfd } from 'tiff';
import { FileFormatError } from '../errors';
import type { Channels, Raster } from '../raster';
import { checkImageSize, wrapLibraryErrors } from './common';
import { checkInflatedSizes } from './tiffBounds';

const WHITE_IS_ZERO = 0, BLACK_IS_ZERO = 1, RGB = 2, PALETTE = 3;
const COMPRESSIONS: Record<number, string> = {
  2: 'CCITT Group 3', 3: 'CCITT T.4', 4: 'CCITT T.6', 6: 'old-style JPEG', 7: 'JPEG', 32773: 'PackBits', 34712: 'JPEG 2000',
};
const SUPPORTED_COMPRESSIONS = new Set([1, 5, 8, 32946]); // none, LZW, Deflate (new and old tag)
const PHOTOMETRIC_NAMES: Record<number, string> = { 4: 'transparency mask', 5: 'CMYK', 6: 'YCbCr', 8: 'CIE L*a*b*' };

/** True for the TIFF byte-order marks "II*\0" (little endian) and "MM\0*" (big endian). */
export function isTiff(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const [a, b, c, d] = bytes;
  return (a === 0x49 && b === 0x49 && c === 42 && d === 0) || (a === 0x4d && b === 0x4d && c === 0 && d === 42);
}

/**
 * Decodes the first page of a TIFF. The directory is parsed alone first, so size limits,
 * unsupported layouts and strips that would inflate past the header's size are refused before
 * any pixel buffer is allocated or strip inflated.
 * Throws FileFormatError naming `fileName` and the reason.
 */
export function decodeTiff(fileName: string, bytes: Uint8Array): Raster {
  if (!isTiff(bytes)) throw new FileFormatError(fileName, 'not a TIFF file (no II*/MM* byte-order mark)');
  const header = wrapLibraryErrors(fileName, 'TIFF', () => firstPage(bytes, true));
  const layout = checkLayout(fileName, header);
  checkInflatedSizes(fileName, bytes, header, layout);
  const ifd = wrapLibraryErrors(fileName, 'TIFF', () => firstPage(bytes, false));
  return wrapLibraryErrors(fileName, 'TIFF', () => toRaster(fileName, ifd, layout));
}

function firstPage(bytes: Uint8Array, ignoreImageData: boolean): TiffIfd {
  const [ifd] = decode(bytes, { pages: [0], ignoreImageData });
  if (!ifd) throw new Error('the file has no image directory');
  return ifd;
}

interface Layout {
  width: number;
  height: number;
  bits: 1 | 8 | 16;
  samples: number; // per pixel, as stored
  channels: Channels; // as returned
}

/** Validates the first directory; returns what `toRaster` needs. */
function checkLayout(fileName: string, ifd: TiffIfd): Layout {
  const refuse = (reason: string): never => {
    throw new FileFormatError(fileName, `${reason} is not supported`);
  };
  const width = ifd.width, height = ifd.height;
  const bitsField: unknown = ifd.get('BitsPerSample') ?? 1;
  const allBits = typeof bitsField === 'number' ? [bitsField] : Array.from(bitsField as ArrayLike<number>);
  const bits = allBits[0];
  const sampleFormat = ifd.sampleFormat;
  if (sampleFormat === 3) refuse(`TIFF with ${bits}-bit floating-point samples`);
  if (sampleFormat === 2) refuse(`TIFF with ${bits}-bit signed integer samples`);
  if (sampleFormat !== 1) refuse(`TIFF sample format ${sampleFormat}`);
  if (allBits.some((b) => b !== bits) || (bits !== 1 && bits !== 8 && bits !== 16)) {
    refuse(`TIFF with ${allBits.join('/')} bits per sample (only 8 or 16, or 1-bit bilevel)`);
  }
  const compression = ifd.compression;
  if (!SUPPORTED_COMPRESSIONS.has(compression)) {
    refuse(`TIFF compression ${compression}${COMPRESSIONS[compression] ? ` (${COMPRESSIONS[compression]})` : ''}`);
  }
  const orientation = ifd.orientation;
  if (orientation !== undefined && orientation !== 1) refuse(`TIFF orientation ${orientation} (only top-left)`);
  const samples = ifd.samplesPerPixel;
  const photometric = ifd.type;
  let channels: Channels;
  if (photometric === undefined) return refuse('TIFF without a colour model (PhotometricInterpretation)');
  if (photometric === WHITE_IS_ZERO || photometric === BLACK_IS_ZERO) channels = 1;
  else if (photometric === RGB && samples >= 3) channels = samples >= 4 && ifd.alpha ? 4 : 3;
  else if (photometric === PALETTE && samples === 1 && bits === 8) channels = 3; // may become 1 in toRaster
  else return refuse(`TIFF colour model ${photometric} (${PHOTOMETRIC_NAMES[photometric] ?? `${samples} samples`})`);
  if (bits === 1 && samples !== 1) refuse('bilevel TIFF with several samples per pixel');
  checkImageSize(fileName, 'TIFF', { width, height, channels: samples, bitsPerSample: bits });
  // tiff 7 reads strips as if samples were interleaved and tiles one sample per pixel only.
  if (samples > 1 && ifd.planarConfiguration !== 1) refuse('TIFF with separate colour planes');
  if (samples > 1 && ifd.tiled) refuse('tiled TIFF with several samples per pixel');
  return { width, height, bits: bits as Layout['bits'], samples, channels };
}

function toRaster(fileName: string, ifd: TiffIfd, layout: Layout): Raster {
  const { width, height, bits, samples } = layout;
  const pixels = width * height;
  const data = ifd.data;
  if (!(data instanceof Uint8Array || data instanceof Uint16Array) || data.length !== pixels * samples) {
    throw new FileFormatError(fileName, `corrupt TIFF: decoded ${data?.length ?? 0} samples, expected ${pixels * samples}`);
  }
  let channels = layout.channels;
  let out: Uint8Array | Uint16Array;
  if (bits === 1) {
    out = data as Uint8Array; // tiff splits bits into 0/1 values (WhiteIsZero already inverted)
    for (let i = 0; i < out.length; i++) out[i] *= 255;
  } else if (ifd.type === PALETTE) {
    ({ out, channels } = expandPalette(fileName, data as Uint8Array, ifd.get('ColorMap')));
  } else {
    out = samples === channels ? data : keepFirst(data, samples, channels);
  }
  return out instanceof Uint16Array
    ? { width, height, channels, bitDepth: 16, data: out }
    : { width, height, channels, bitDepth: 8, data: out };
}

/** Keeps the first `keep` of every `stride` samples (drops extra samples such as alpha). */
function keepFirst(data: Uint8Array | Uint16Array, stride: number, keep: number): Uint8Array | Uint16Array {
  const out = data instanceof Uint16Array ? new Uint16Array((data.length / stride) * keep) : new Uint8Array((data.length / stride) * keep);
  for (let i = 0, o = 0; i < data.length; i += stride) {
    for (let c = 0; c < keep; c++) out[o++] = data[i + c];
  }
  return out;
}

/**
 * 8-bit indices through the ColorMap (all reds, then greens, then blues, 16-bit each; scaled to
 * 8 bit by /257, which maps 0..65535 onto 0..255 exactly at the ends).
 */
function expandPalette(fileName: string, indices: Uint8Array, colorMap: unknown): { out: Uint8Array; channels: Channels } {
  const map = colorMap as ArrayLike<number> | undefined;
  if (!map || map.length !== 3 * 256) throw new FileFormatError(fileName, 'corrupt TIFF: palette image without a 256-entry ColorMap');
  const lut = new Uint8Array(256 * 3);
  let gray = true;
  for (let i = 0; i < 256; i++) {
    for (let c = 0; c < 3; c++) lut[i * 3 + c] = Math.round(map[c * 256 + i] / 257);
    gray &&= lut[i * 3] === lut[i * 3 + 1] && lut[i * 3] === lut[i * 3 + 2];
  }
  const channels = gray ? 1 : 3;
  const out = new Uint8Array(indices.length * channels);
  for (let i = 0, o = 0; i < indices.length; i++) {
    for (let c = 0; c < channels; c++) out[o++] = lut[indices[i] * 3 + c];
  }
  return { out, channels };
}
