/**
 * TIFF LZW encoder for tests (the app only reads LZW): codes MSB first, 9 to 12 bits, widened
 * one code early, a Clear code first and whenever the table is full, End at the end.
 */
const CLEAR = 256, END = 257, FIRST_FREE = 258, MAX_CODES = 4096;

export function encodeLzw(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let bitBuffer = 0, bitCount = 0, width = 9;
  const write = (code: number) => {
    bitBuffer = (bitBuffer << width) | code;
    bitCount += width;
    while (bitCount >= 8) {
      out.push((bitBuffer >> (bitCount - 8)) & 0xff);
      bitCount -= 8;
    }
    bitBuffer &= (1 << bitCount) - 1;
  };
  let table = new Map<string, number>();
  let next = FIRST_FREE;
  write(CLEAR);
  let current = '';
  for (const byte of data) {
    const extended = current === '' ? String.fromCharCode(byte) : current + String.fromCharCode(byte);
    if (current === '' || table.has(extended)) {
      current = extended;
      continue;
    }
    write(codeOf(table, current));
    table.set(extended, next++);
    // The decoder's table is one entry behind and widens at 2^width - 1: the same code.
    if (next === 1 << width && width < 12) width++;
    if (next === MAX_CODES - 2) {
      write(CLEAR);
      table = new Map();
      next = FIRST_FREE;
      width = 9;
    }
    current = String.fromCharCode(byte);
  }
  if (current !== '') write(codeOf(table, current));
  write(END);
  if (bitCount > 0) out.push((bitBuffer << (8 - bitCount)) & 0xff);
  return Uint8Array.from(out);
}

function codeOf(table: Map<string, number>, text: string): number {
  return text.length === 1 ? text.charCodeAt(0) : table.get(text)!;
}
