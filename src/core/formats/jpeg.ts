/**
 * JPEG reading; the only module that imports jpeg-js.
 *
 * Grayscale JPEGs (one component) become 1 channel, everything else 3 (RGB; jpeg-js converts
 * YCbCr and Adobe CMYK/YCCK itself). Supported: 8-bit baseline, extended and progressive
 * Huffman JPEGs, which is what jpeg-js decodes; lossless, arithmetic-coded and 12-bit JPEGs are
 * refused from the frame header. Decoding is tolerant like a browser's: a truncated scan
 * leaves the rest of the image gray instead of failing.
 */
import { decode } from 'jpeg-js';
import { FileFormatError } from '../errors';
import { MAX_IMAGE_BYTES, type Raster8 } from '../raster';
import { checkImageSize, wrapLibraryErrors } from './common';

export interface JpegHeader {
  width: number; // pixels
  height: number; // pixels
  components: number; // 1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK
  precision: number; // bits per sample
  frameType: number; // SOF marker minus 0xFFC0: 0 baseline, 1 extended, 2 progressive, ...
}

/** True when `bytes` start with the JPEG start-of-image marker followed by another marker. */
export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/**
 * Walks the marker segments up to the first frame header (SOFn) and reads it, without
 * touching entropy-coded data. Throws FileFormatError when there is no frame header.
 */
export function readJpegHeader(bytes: Uint8Array, fileName = 'JPEG file'): JpegHeader {
  if (!isJpeg(bytes)) throw new FileFormatError(fileName, 'not a JPEG file (no FF D8 FF start marker)');
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) throw new FileFormatError(fileName, `corrupt JPEG: expected a marker at byte ${pos}`);
    const marker = bytes[pos + 1];
    if (marker === 0xff) { pos++; continue; } // fill byte before a marker
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) { pos += 2; continue; } // no length field
    if (marker === 0xd9 || marker === 0xda) break; // end of image / scan data before any frame header
    const length = (bytes[pos + 2] << 8) | bytes[pos + 3];
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (pos + 10 > bytes.length) break;
      return {
        precision: bytes[pos + 4],
        height: (bytes[pos + 5] << 8) | bytes[pos + 6],
        width: (bytes[pos + 7] << 8) | bytes[pos + 8],
        components: bytes[pos + 9],
        frameType: marker - 0xc0,
      };
    }
    pos += 2 + length;
  }
  throw new FileFormatError(fileName, 'corrupt or truncated JPEG: no frame header (SOF) found');
}

/** Decodes a JPEG to an 8-bit raster (1 or 3 channels). Throws FileFormatError on bad input. */
export function decodeJpeg(fileName: string, bytes: Uint8Array): Raster8 {
  const header = readJpegHeader(bytes, fileName);
  const { width, height, components, precision, frameType } = header;
  if (frameType > 2) {
    const kind = frameType === 3 || frameType === 7 || frameType === 11 || frameType === 15 ? 'lossless' : 'arithmetic-coded or hierarchical';
    throw new FileFormatError(fileName, `${kind} JPEG (SOF${frameType}) is not supported`);
  }
  if (precision !== 8) throw new FileFormatError(fileName, `${precision}-bit JPEG is not supported (only 8-bit)`);
  // Height 0 means "defined later by a DNL marker", which jpeg-js cannot handle.
  checkImageSize(fileName, 'JPEG', { width, height, channels: components, bitsPerSample: 8 });
  if (components === 4) {
    // jpeg-js guesses CMYK or YCCK from an Adobe marker and decodes files whose scans disagree
    // with the frame into wrong colours; microscopy is never CMYK, so refuse rather than guess.
    throw new FileFormatError(fileName, 'CMYK/YCCK JPEG (4 colour components) is not supported: save it as RGB or grayscale');
  }
  if (components !== 1 && components !== 3) {
    throw new FileFormatError(fileName, `JPEG with ${components} colour components is not supported`);
  }
  const rgb = wrapLibraryErrors(fileName, 'JPEG', () =>
    decode(bytes, {
      useTArray: true, // plain Uint8Array: Buffer does not exist in browsers and workers
      formatAsRGBA: false,
      maxResolutionInMP: MAX_IMAGE_BYTES / 1e6, // never the binding limit: checkImageSize is
      // jpeg-js counts its own buffers against this cap (default 512 MB, too low for our pixel
      // limit): 4 bytes per sample per component for DCT blocks, 1 for component lines, 3 per
      // pixel of output, plus slack for tables.
      maxMemoryUsageInMB: Math.ceil((width * height * (5 * components + 3)) / 2 ** 20) + 64,
    }),
  );
  if (rgb.width !== width || rgb.height !== height || rgb.data.length !== width * height * 3) {
    throw new FileFormatError(fileName, `corrupt JPEG: decoded ${rgb.width} x ${rgb.height}, header says ${width} x ${height}`);
  }
  if (components === 3) return { width, height, channels: 3, bitDepth: 8, data: rgb.data };
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = rgb.data[i * 3];
  return { width, height, channels: 1, bitDepth: 8, data: gray };
}
