/**
 * Colour schemes for `_objects.png` masks. Colours are packed 0xRRGGBB numbers; object number n
 * (1..N, bottom to top in z-order) gets the scheme's n-th colour. 0 (black) is the background
 * and never an object colour; within a scheme all colours are distinct.
 */
import { baseName } from './paths';
import { createRng } from './random';

export type ColorScheme = 'random' | 'voc';

/** Colours in the Pascal VOC palette after black, as CVAT's "Segmentation mask 1.1" uses. */
export const VOC_PALETTE_SIZE = 255;

/**
 * The Pascal VOC colour map: the bits of n interleaved into the colour, most significant bits
 * first (bit 3j + c of n → bit 7 - j of channel c, c = red, green, blue). Indices 1..255 are the
 * palette the dataset's masks and CVAT use (1 = (128, 0, 0), 2 = (0, 128, 0), …). The same map
 * runs on past 255 (the reference code's loop consumes 24 bits): a bijection on 0..2^24 - 1, so
 * those colours are unique, never black and never palette colours.
 */
export function vocColor(n: number): number {
  let r = 0, g = 0, b = 0;
  for (let j = 0; j < 8; j++, n >>= 3) {
    r |= (n & 1) << (7 - j);
    g |= ((n >> 1) & 1) << (7 - j);
    b |= ((n >> 2) & 1) << (7 - j);
  }
  return (r << 16) | (g << 8) | b;
}

/** Inverse of vocColor: the index whose VOC colour is `color` (0xRRGGBB). */
export function vocIndex(color: number): number {
  let n = 0;
  for (let j = 0; j < 8; j++) {
    const bit = 7 - j;
    n |= (((color >> (16 + bit)) & 1) | (((color >> (8 + bit)) & 1) << 1) | (((color >> bit) & 1) << 2)) << (3 * j);
  }
  return n;
}

/**
 * Colours for objects 1..count: result[n] is object n's colour, result[0] = 0 (background).
 * `voc`: vocColor(n); past 255 objects a warning says the extra colours are outside CVAT's
 * palette. `random`: seeded by the image's base name (folders and extension dropped, so
 * "train/a.png" and "a.tif" agree), so exporting twice gives identical colours; hues advance by
 * the golden ratio (neighbouring numbers far apart on the colour wheel) with varied saturation
 * and brightness, never dark enough to pass for background.
 */
export function schemeColors(scheme: ColorScheme, count: number, imageName: string): { colors: Uint32Array; warnings: string[] } {
  if (count >= 1 << 24) throw new RangeError(`${count} objects: a 24-bit mask holds at most ${(1 << 24) - 1}`);
  const colors = new Uint32Array(count + 1);
  const warnings: string[] = [];
  if (scheme === 'voc') {
    for (let n = 1; n <= count; n++) colors[n] = vocColor(n);
    if (count > VOC_PALETTE_SIZE) {
      warnings.push(
        `${count} objects: the VOC palette has ${VOC_PALETTE_SIZE} colours; objects ${VOC_PALETTE_SIZE + 1}..${count} ` +
          'get further colours of the same bit-interleaved map, which are unique but not in CVAT\'s palette',
      );
    }
    return { colors, warnings };
  }
  const rng = createRng(hashString(baseName(imageName)));
  const used = new Set<number>([0]);
  let hue = rng.next();
  for (let n = 1; n <= count; n++) {
    let color = 0;
    for (let attempt = 0; used.has(color); attempt++) {
      hue = (hue + 0.618033988749895) % 1;
      color = attempt < 64 ? hsv(hue, 0.55 + 0.45 * rng.next(), 0.7 + 0.3 * rng.next()) : (rng.uint32() >>> 8) | 0x404040;
    }
    used.add(color);
    colors[n] = color;
  }
  return { colors, warnings };
}

/** HSV (each in [0, 1)) to 0xRRGGBB, with IEEE-exact arithmetic only (same bits everywhere). */
function hsv(h: number, s: number, v: number): number {
  const sector = Math.floor(h * 6), f = h * 6 - sector;
  const p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
  const [r, g, b] = [[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]][sector % 6];
  const byte = (c: number) => Math.round(c * 255);
  return (byte(r) << 16) | (byte(g) << 8) | byte(b);
}

/** FNV-1a over the UTF-16 code units: a stable 32-bit seed from a name. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
