/**
 * Minimal grayscale baseline JPEG writer for tests (jpeg-js only writes colour JPEGs).
 * Each 8x8 block is stored by its DC coefficient alone, with a quantization table of ones, so
 * an image made of flat 8x8 blocks decodes back exactly. Sizes must be multiples of 8.
 */

/** Luminance DC Huffman table from the JPEG standard (Annex K.3): code lengths 1..16, values. */
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/** Codes for DC categories 0..11 as [code, length], derived from the table above. */
const DC_CODES: Array<[number, number]> = [
  [0b00, 2], [0b010, 3], [0b011, 3], [0b100, 3], [0b101, 3], [0b110, 3],
  [0b1110, 4], [0b11110, 5], [0b111110, 6], [0b1111110, 7], [0b11111110, 8], [0b111111110, 9],
];

/**
 * Encodes `gray` (width * height bytes, rows top to bottom) as a one-component JPEG. Every 8x8
 * block must be flat; its value is taken from the block's top-left pixel.
 * `frameWidth`/`frameHeight` override what the frame header claims (for oversized-header tests).
 */
export function writeGrayJpeg(width: number, height: number, gray: Uint8Array, claim?: { frameWidth: number; frameHeight: number }): Uint8Array {
  if (width % 8 || height % 8) throw new RangeError('width and height must be multiples of 8');
  const out: number[] = [0xff, 0xd8];
  const segment = (marker: number, body: number[]) => out.push(0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body);
  segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]); // DQT: table 0, all ones
  const w = claim?.frameWidth ?? width, h = claim?.frameHeight ?? height;
  segment(0xc0, [8, h >> 8, h & 0xff, w >> 8, w & 0xff, 1, 1, 0x11, 0]); // SOF0, 1 component
  segment(0xc4, [0x00, ...DC_BITS, ...DC_VALUES]); // DHT: DC table 0
  segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0x00]); // DHT: AC table 0, EOB only ("0")
  segment(0xda, [1, 1, 0x00, 0, 63, 0]); // SOS

  let acc = 0, bits = 0;
  const put = (code: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) {
      acc = (acc << 1) | ((code >> i) & 1);
      if (++bits === 8) {
        out.push(acc);
        if (acc === 0xff) out.push(0); // byte stuffing
        acc = 0;
        bits = 0;
      }
    }
  };
  let previous = 0;
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      const dc = 8 * (gray[by * width + bx] - 128); // DC of a flat block after level shift
      const diff = dc - previous;
      previous = dc;
      const category = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
      put(...DC_CODES[category]);
      if (category) put(diff > 0 ? diff : diff + (1 << category) - 1, category);
      put(0, 1); // EOB: all AC coefficients zero
    }
  }
  if (bits) put((1 << (8 - bits)) - 1, 8 - bits); // pad with ones
  out.push(0xff, 0xd9);
  return Uint8Array.from(out);
}
