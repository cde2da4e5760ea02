/**
 * Is a "mask" really an anti-aliased picture? Anti-aliasing leaves thin rings of intermediate
 * colours along every edge: each such colour has almost no pixel whose four neighbours share
 * it, and lies between two colours it touches (an object's colour and the background, or two
 * objects'). Real object masks have few of those, whatever their objects' sizes: a mask of
 * single-pixel objects on black has thin colours, but none lies between two neighbours.
 */
import type { LabelledMask } from './decodeMask';

/** A colour is thin when at most this share of its pixels are interior (all four neighbours the same). */
const THIN_INTERIOR_SHARE = 0.1;
/** Rounding of blended colours: a channel may be this far outside the range of its two neighbours. */
const BLEND_TOLERANCE = 2;
/** A picture: at least this many blended colours, making up at least this share of all colours. */
const MIN_BLENDED = 8;
const MIN_BLENDED_SHARE = 1 / 3;
/** Enough neighbours to find two a blend lies between; more are not looked at. */
const MAX_NEIGHBOURS = 64;

export interface PictureVerdict {
  blended: number;
  colours: number;
  isPicture: boolean;
}

/** Counts the blended colours of a labelled mask (see above) and decides. */
export function judgePicture({ labels, values, width, height, kind }: Pick<LabelledMask, 'labels' | 'values' | 'width' | 'height' | 'kind'>): PictureVerdict {
  const count = values.length;
  const pixels = new Uint32Array(count + 1);
  const edge = new Uint32Array(count + 1);
  const neighbours: Array<Set<number>> = Array.from({ length: count + 1 }, () => new Set());
  const touch = (a: number, b: number) => {
    if (a !== 0 && neighbours[a].size < MAX_NEIGHBOURS) neighbours[a].add(b);
    if (b !== 0 && neighbours[b].size < MAX_NEIGHBOURS) neighbours[b].add(a);
  };
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      const label = labels[p];
      const right = x + 1 < width ? labels[p + 1] : label;
      const below = y + 1 < height ? labels[p + width] : label;
      if (right !== label) touch(label, right);
      if (below !== label) touch(label, below);
      if (label === 0) continue;
      pixels[label]++;
      const onEdge = x === 0 || y === 0 || x + 1 === width || y + 1 === height || labels[p - 1] !== label || labels[p - width] !== label || right !== label || below !== label;
      if (onEdge) edge[label]++;
    }
  }
  const channelsOf = kind === 'colour' ? (v: number) => [v >> 16, (v >> 8) & 0xff, v & 0xff] : (v: number) => [v];
  const colour = (label: number) => channelsOf(label === 0 ? 0 : values[label - 1]);
  let blended = 0;
  for (let label = 1; label <= count; label++) {
    const thin = pixels[label] - edge[label] <= THIN_INTERIOR_SHARE * pixels[label];
    if (thin && liesBetweenTwo(colour(label), [...neighbours[label]].map(colour))) blended++;
  }
  return { blended, colours: count, isPicture: blended >= MIN_BLENDED && blended >= MIN_BLENDED_SHARE * count };
}

function liesBetweenTwo(value: number[], around: number[][]): boolean {
  for (let i = 0; i < around.length; i++) {
    for (let j = i + 1; j < around.length; j++) {
      const a = around[i], b = around[j];
      if (value.every((v, c) => v >= Math.min(a[c], b[c]) - BLEND_TOLERANCE && v <= Math.max(a[c], b[c]) + BLEND_TOLERANCE)) return true;
    }
  }
  return false;
}
