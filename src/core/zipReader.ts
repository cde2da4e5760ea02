/**
 * Reading a ZIP archive piece by piece from a random-access source (a File in the browser, a
 * buffer in tests), so an archive of any size is never held in memory: the central directory is
 * read from the end, then entries one at a time. Everything is bounded before it is read or
 * inflated (entry count, directory size, each entry's declared size), names that could escape a
 * folder are refused, and every inflated entry is checked against its CRC-32, so a lying size or
 * damaged data is found, not trusted. ZIP64 and encrypted entries are refused (the app never
 * writes them). Every failure is a FileFormatError naming the archive.
 */
import { FileFormatError } from './errors';
import { crc32 } from './formats/crc32';
import { inflateRawExact } from './formats/zlib';

/** Bytes at any position of the archive; `read` returns exactly `length` bytes or fewer at the end. */
export interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** One entry of the central directory. */
export interface ZipIndexEntry {
  path: string;
  /** 0: stored, 8: deflated. */
  method: 0 | 8;
  crc: number;
  compressedSize: number;
  size: number;
  /** Where the entry's local header starts. */
  headerOffset: number;
}

export interface ZipIndexLimits {
  /** Entries in the central directory. */
  entries: number;
  /** Bytes of the central directory. */
  directoryBytes: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
const names = new TextDecoder('utf-8');

/** A name that unpacks inside its folder: relative, "/" separated, no "." or ".." parts, no drive letter. */
export function isSafeZipPath(path: string): boolean {
  const parts = path.split('/');
  // A trailing "/" is a folder entry: allowed (it holds nothing); every other part must be a name.
  if (parts.at(-1) === '') parts.pop();
  return (
    path.length > 0 &&
    !path.includes('\\') &&
    !path.includes('\u0000') &&
    !/^[a-zA-Z]:/.test(path) &&
    parts.length > 0 &&
    parts.every((part) => part !== '' && part !== '.' && part !== '..')
  );
}

async function readExactly(fileName: string, source: ByteSource, offset: number, length: number, what: string): Promise<Uint8Array> {
  if (offset < 0 || length < 0 || offset + length > source.size) throw new FileFormatError(fileName, `${what} lies outside the file (the archive is truncated or damaged)`);
  const bytes = await source.read(offset, length);
  if (bytes.length !== length) throw new FileFormatError(fileName, `${what} could not be read whole (the archive is truncated)`);
  return bytes;
}

/**
 * The central directory of the archive, in its order. Refuses (FileFormatError) a file that is
 * not a ZIP, one over the limits (checked from the end record, before the directory is read),
 * ZIP64, encrypted or unknown compression, unsafe or duplicate names, and entries whose data
 * would lie outside the file.
 */
export async function readZipIndex(fileName: string, source: ByteSource, limits: ZipIndexLimits): Promise<ZipIndexEntry[]> {
  const tailLength = Math.min(source.size, EOCD_SIZE + MAX_COMMENT);
  if (tailLength < EOCD_SIZE) throw new FileFormatError(fileName, 'not a ZIP archive (too short)');
  const tail = await readExactly(fileName, source, source.size - tailLength, tailLength, 'the end of the archive');
  let end = -1;
  for (let at = tail.length - EOCD_SIZE; at >= 0; at--) {
    if (u32(tail, at) === EOCD && at + EOCD_SIZE + u16(tail, at + 20) === tail.length) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new FileFormatError(fileName, 'not a ZIP archive (no end of central directory record)');
  const count = u16(tail, end + 10);
  const directorySize = u32(tail, end + 12);
  const directoryOffset = u32(tail, end + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) throw new FileFormatError(fileName, 'ZIP64 archives are not supported');
  if (count > limits.entries) throw new FileFormatError(fileName, `the archive has ${count} entries, more than the ${limits.entries} allowed`);
  if (directorySize > limits.directoryBytes) throw new FileFormatError(fileName, `the archive's directory is ${directorySize} bytes, more than the ${limits.directoryBytes} allowed`);
  const directory = await readExactly(fileName, source, directoryOffset, directorySize, 'the central directory');

  const entries: ZipIndexEntry[] = [];
  const seen = new Set<string>();
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || u32(directory, at) !== CENTRAL) throw new FileFormatError(fileName, `the central directory is damaged at entry ${i + 1}`);
    const flags = u16(directory, at + 8);
    const method = u16(directory, at + 10);
    const nameLength = u16(directory, at + 28);
    const next = at + 46 + nameLength + u16(directory, at + 30) + u16(directory, at + 32);
    if (next > directory.length) throw new FileFormatError(fileName, `the central directory is damaged at entry ${i + 1}`);
    const path = names.decode(directory.subarray(at + 46, at + 46 + nameLength));
    const entry: ZipIndexEntry = {
      path,
      method: method as 0 | 8,
      crc: u32(directory, at + 16),
      compressedSize: u32(directory, at + 20),
      size: u32(directory, at + 24),
      headerOffset: u32(directory, at + 42),
    };
    if (!isSafeZipPath(path)) throw new FileFormatError(fileName, `the archive has an entry named "${path}", which could land outside its folder`);
    if (seen.has(path)) throw new FileFormatError(fileName, `the archive has two entries named ${path}`);
    if (flags & 1) throw new FileFormatError(fileName, `${path} is encrypted`);
    if (method !== 0 && method !== 8) throw new FileFormatError(fileName, `${path} uses compression method ${method}; only stored and deflated entries are read`);
    if ([entry.compressedSize, entry.size, entry.headerOffset].includes(0xffffffff)) throw new FileFormatError(fileName, 'ZIP64 archives are not supported');
    if (method === 0 && entry.compressedSize !== entry.size) throw new FileFormatError(fileName, `${path} is stored but declares ${entry.size} bytes in ${entry.compressedSize}`);
    if (entry.headerOffset + 30 + entry.compressedSize > directoryOffset) throw new FileFormatError(fileName, `${path}: its data would lie outside the archive's data (a lying size or offset)`);
    seen.add(path);
    entries.push(entry);
    at = next;
  }
  return entries;
}

/** Where an entry's (compressed) data lies in the archive: after its local header. */
export async function entryDataRange(fileName: string, source: ByteSource, entry: ZipIndexEntry): Promise<{ offset: number; length: number }> {
  const header = await readExactly(fileName, source, entry.headerOffset, 30, `the local header of ${entry.path}`);
  if (u32(header, 0) !== LOCAL) throw new FileFormatError(fileName, `${entry.path}: its local header is missing (the archive is damaged)`);
  const offset = entry.headerOffset + 30 + u16(header, 26) + u16(header, 28);
  if (offset + entry.compressedSize > source.size) throw new FileFormatError(fileName, `${entry.path}: its data lies outside the file (the archive is truncated)`);
  return { offset, length: entry.compressedSize };
}

/**
 * One entry's bytes, inflated to exactly its declared size (refused above `maxBytes` before
 * anything is read) and checked against its CRC-32.
 */
export async function readZipEntry(fileName: string, source: ByteSource, entry: ZipIndexEntry, maxBytes: number): Promise<Uint8Array> {
  if (entry.size > maxBytes) throw new FileFormatError(fileName, `${entry.path} is ${entry.size} bytes uncompressed, more than the ${maxBytes} allowed`);
  const range = await entryDataRange(fileName, source, entry);
  const raw = await readExactly(fileName, source, range.offset, range.length, `the data of ${entry.path}`);
  let bytes: Uint8Array;
  try {
    bytes = entry.method === 0 ? raw : inflateRawExact(raw, entry.size);
  } catch (error) {
    throw new FileFormatError(fileName, `${entry.path} is damaged (${error instanceof Error ? error.message : String(error)})`);
  }
  if (crc32(bytes) !== entry.crc) throw new FileFormatError(fileName, `${entry.path} is damaged (its CRC-32 does not match)`);
  return bytes;
}
