/**
 * An image's identity across browsers and machines: the SHA-256 of its original file (of the
 * generated pixels for demo images, which every browser generates alike), never its name. The
 * project bundle and sync recognize "the same image" by it.
 */
export async function sha256Hex(bytes: ArrayBufferView | ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

