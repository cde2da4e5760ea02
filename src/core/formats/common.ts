/**
 * Checks shared by the image decoders. Each decoder reads the image size from its header first
 * and calls `checkImageSize` before any pixel buffer is allocated, so an absurd header is
 * refused in microseconds instead of exhausting memory.
 */
import { FileFormatError } from '../errors';
import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS } from '../raster';

/** An image's size as its header gives it: decoded samples of fewer than 8 bits take a byte each. */
export interface ImageSize {
  width: number;
  height: number;
  channels: number;
  bitsPerSample: number;
}

/**
 * Throws FileFormatError unless width and height are positive integers, the image has at most
 * MAX_IMAGE_PIXELS pixels and its decoded pixels fit in `maxBytes` (MAX_IMAGE_BYTES for images
 * decoded whole; Infinity for those decoded in bands); the message says by how much they do not.
 * `what` names the format ("PNG", "TIFF", ...).
 */
export function checkImageSize(fileName: string, what: string, { width, height, channels, bitsPerSample }: ImageSize, maxBytes = MAX_IMAGE_BYTES): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new FileFormatError(fileName, `${what} header gives an invalid image size ${width} x ${height}`);
  }
  const bytes = width * height * channels * Math.ceil(bitsPerSample / 8);
  if (bytes > maxBytes) {
    const layout = `${channels} ${channels === 1 ? 'channel' : 'channels'} of ${bitsPerSample} bits`;
    throw new FileFormatError(
      fileName,
      `${what} image is too large: ${width} x ${height} pixels with ${layout} need ${size(bytes)}, ` +
        `${size(bytes - maxBytes)} over the limit of ${size(maxBytes)}`,
    );
  }
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new FileFormatError(fileName, `${what} image is too large: ${width} x ${height} = ${width * height} pixels, over the limit of ${MAX_IMAGE_PIXELS / 1e6} megapixels`);
  }
}

function size(bytes: number): string {
  return bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Runs `fn`, turning anything it throws into FileFormatError("<file>: corrupt or truncated
 * <what>: <library message>"). A FileFormatError passes through unchanged, so checks made
 * inside `fn` keep their own wording. Libraries throw RangeError/TypeError/plain Error with
 * terse texts; the user gets one message naming the file either way.
 */
export function wrapLibraryErrors<T>(fileName: string, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof FileFormatError) throw error;
    throw new FileFormatError(fileName, `corrupt or truncated ${what}: ${describeError(error)}`);
  }
}

/** The error's message plus its cause's (fast-png hides the zlib error in `cause`). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` ${error.cause.message}` : '';
  return (error.message || error.name) + cause;
}
