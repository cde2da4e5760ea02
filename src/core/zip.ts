/**
 * Writing ZIP archives as a stream, and reading small ones within limits; the only module that
 * uses fflate's ZIP support.
 *
 * Entries are emitted as they are added, so memory stays bounded by the largest entry however
 * big the archive grows: a worker can post each chunk on (to a file handle or a download) while
 * the next mask is being made. PNG and TIFF-with-compression are already compressed, so entries
 * are stored by default; `compress: true` deflates one (e.g. XML, uncompressed TIFF).
 */
import { unzipSync, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { FileFormatError } from './errors';

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

/** A small archive made at once, in memory (one image's ROIs): the entries in order, deflated. */
export function zipToBytes(entries: readonly ZipEntry[], options: ZipStreamOptions = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = createZipStream((chunk) => chunks.push(chunk), options);
  for (const entry of entries) zip.addFile(entry.path, entry.bytes, { compress: true });
  zip.finish();
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  chunks.reduce((at, chunk) => (out.set(chunk, at), at + chunk.length), 0);
  return out;
}

function checkPath(path: string): void {
  const parts = path.split('/');
  if (!path || path.includes('\\') || parts.some((part) => part === '' || part === '.' || part === '..')) {
    throw new Error(`"${path}" is not a valid path inside a ZIP archive (relative, "/" between folders, no "." or "..")`);
  }
}

/** What reading an archive may take; each is checked before any entry is inflated. */
export interface ZipLimits {
  /** Entries in the central directory, read or not. */
  entries: number;
  /** Uncompressed bytes of one entry that is read (a function: each path's own limit). */
  entryBytes: number | ((path: string) => number);
  /** Uncompressed bytes of all entries read together. */
  totalBytes: number;
}

export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
}

/**
 * The entries of an archive that `wanted` accepts (by path), in the order of its central
 * directory. Memory stays within `limits`: sizes are checked from the central directory before
 * anything is inflated, and an entry is never inflated past its declared size (a lying size cuts
 * it short, which the reader of its bytes then finds). Throws FileFormatError naming `fileName`
 * for anything that is not a readable archive within the limits, or has two entries of one path.
 */
export function readZip(fileName: string, bytes: Uint8Array, wanted: (path: string) => boolean, limits: ZipLimits): ZipEntry[] {
  const paths = new Set<string>();
  let entries = 0, totalBytes = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter({ name, originalSize }) {
        // Called for every central-directory entry before it is inflated; a damaged directory
        // can claim billions of entries, so the count is checked here too.
        if (++entries > limits.entries) throw new FileFormatError(fileName, `the archive has more than ${limits.entries} entries`);
        if (!wanted(name)) return false;
        if (paths.has(name)) throw new FileFormatError(fileName, `the archive has two entries named ${name}`);
        const most = typeof limits.entryBytes === 'number' ? limits.entryBytes : limits.entryBytes(name);
        if (originalSize > most) throw new FileFormatError(fileName, `${name} is ${originalSize} bytes uncompressed, more than the ${most} allowed`);
        totalBytes += originalSize;
        if (totalBytes > limits.totalBytes) throw new FileFormatError(fileName, `the archive holds more than ${limits.totalBytes} bytes uncompressed`);
        paths.add(name);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof FileFormatError) throw error;
    throw new FileFormatError(fileName, `not a readable ZIP archive (${error instanceof Error ? error.message : String(error)})`);
  }
  return [...paths].map((path) => ({ path, bytes: files[path] }));
}
