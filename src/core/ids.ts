/**
 * A random 128-bit id as 32 hex digits. Uses getRandomValues, which (unlike randomUUID) also
 * exists on pages served over plain http from another machine, where the app must still work.
 */
export function newId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
