/**
 * Writing ZIP archives as a stream; the only module that uses fflate's ZIP support.
 *
 * Entries are emitted as they are added, so memory stays bounded by the largest entry however
 * big the archive grows: a worker can post each chunk on (to a file handle or a download) while
 * the next mask is being made. PNG and TIFF-with-compression are already compressed, so entries
 * are stored by default; `compress: true` deflates one (e.g. XML, uncompressed TIFF).
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export interface ZipStream {
  /**
   * Adds one file. `path` uses "/" between folders and must be relative without "." or ".."
   * segments (what unzip tools accept safely); each path at most once. Throws Error otherwise.
   */
  addFile(path: string, bytes: Uint8Array, options?: { compress?: boolean }): void;
  /** Writes the central directory; the last chunk comes with `final` = true. */
  finish(): void;
}

export interface ZipStreamOptions {
  /** Modification time of every entry; default: now. Fix it for byte-identical archives. */
  mtime?: Date;
}

/** Starts an archive; `onChunk` receives its bytes in order, synchronously from the calls. */
export function createZipStream(onChunk: (chunk: Uint8Array, final: boolean) => void, options: ZipStreamOptions = {}): ZipStream {
  let failure: Error | null = null;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure ??= error;
    else onChunk(chunk, final);
  });
  const paths = new Set<string>();
  const check = () => {
    if (failure) throw failure;
  };
  return {
    addFile(path, bytes, { compress = false } = {}) {
      checkPath(path);
      if (paths.has(path)) throw new Error(`the archive already has a file ${path}`);
      paths.add(path);
      const entry = compress ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
      entry.mtime = options.mtime ?? new Date();
      zip.add(entry);
      entry.push(bytes, true);
      check();
    },
    finish() {
      zip.end();
      check();
    },
  };
}

function checkPath(path: string): void {
  const parts = path.split('/');
  if (!path || path.includes('\\') || parts.some((part) => part === '' || part === '.' || part === '..')) {
    throw new Error(`"${path}" is not a valid path inside a ZIP archive (relative, "/" between folders, no "." or "..")`);
  }
}
