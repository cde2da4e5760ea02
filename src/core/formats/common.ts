/**
 * Checks shared by the image decoders. Each decoder reads the image size from its header first
 * and calls `checkPixelCount` before any pixel buffer is allocated, so an absurd header is
 * refused in microseconds instead of exhausting memory.
 */
import { FileFormatError } from '../errors';
import { MAX_PIXELS } from '../raster';

/**
 * Throws FileFormatError unless width and height (pixels) are positive integers whose product
 * is at most MAX_PIXELS. `what` names the format in the message ("PNG", "TIFF", ...).
 */
export function checkPixelCount(fileName: string, what: string, width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new FileFormatError(fileName, `${what} header gives an invalid image size ${width} x ${height}`);
  }
  if (width * height > MAX_PIXELS) {
    throw new FileFormatError(
      fileName,
      `${what} image is ${width} x ${height} pixels (${megapixels(width * height)} MP), ` +
        `larger than the limit of ${megapixels(MAX_PIXELS)} MP`,
    );
  }
}

function megapixels(pixels: number): string {
  return String(Math.round(pixels / 1e5) / 10);
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
