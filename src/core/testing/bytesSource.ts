import type { ByteSource } from '../zipReader';

/** A ByteSource over bytes in memory, for tests of what reads archives piece by piece. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)) };
}
