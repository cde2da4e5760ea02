/**
 * Reading chosen files out of a ZIP archive held in memory (a zipped Zarr store), with a size
 * limit per file checked before it is inflated.
 *
 * fflate's unzipSync allocates each file's output at the size the archive declares and never
 * grows it, so refusing large declared sizes up front bounds memory; a file that inflates to
 * more than it declares is cut off there (and then fails its own length check).
 */
import { unzipSync } from 'fflate';
import { FileFormatError } from '../errors';
import { describeError } from '../formats/common';

/**
 * The files for which `limit(name)` gives a byte limit (null: skip the file). Throws
 * FileFormatError naming `fileName` for a damaged archive or a file over its limit.
 */
export function readZipEntries(fileName: string, bytes: Uint8Array, limit: (name: string) => number | null): Map<string, Uint8Array> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: ({ name, originalSize, compression }) => {
        const most = limit(name);
        if (most === null) return false;
        if (originalSize > most) throw new FileFormatError(fileName, `${name} is ${originalSize} bytes, more than the ${most} it can be`);
        if (compression !== 0 && compression !== 8) throw new FileFormatError(fileName, `${name} uses ZIP compression method ${compression} (only stored and deflate are read)`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof FileFormatError) throw error;
    throw new FileFormatError(fileName, `not a readable ZIP archive: ${describeError(error)}`);
  }
  return new Map(Object.entries(files));
}
