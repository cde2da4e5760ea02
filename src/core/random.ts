/**
 * Seeded pseudo-random numbers for generated data (demo images, tests).
 *
 * Everything here uses only 32-bit integer operations (Math.imul, shifts) and IEEE-exact float
 * arithmetic (+ - * / sqrt). Math.random cannot be seeded, and Math.log/cos/exp may differ in
 * the last bit between JavaScript engines, so neither is used: the same seed gives bit-identical
 * numbers in every browser, in Node and in workers.
 */

export interface Rng {
  /** Uniform integer in [0, 2^32). */
  uint32(): number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number;
  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /**
   * Approximately standard normal: sum of 4 uniforms (Irwin-Hall), scaled to variance 1.
   * Tails stop at +-3.46, which is fine for image noise and avoids log/cos.
   */
  normal(): number;
  /** Uniformly random unit vector [cos, sin] (rejection sampling; no trigonometry). */
  direction(): [number, number];
}

const SQRT3 = Math.sqrt(3);

/** mulberry32: a tiny, fast generator with a 2^32 period; plenty for image synthesis. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const uint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = (): number => uint32() / 4294967296;
  return {
    uint32,
    next,
    range: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor((hi - lo + 1) * next()),
    chance: (p) => next() < p,
    normal: () => (next() + next() + next() + next() - 2) * SQRT3,
    direction: () => {
      for (;;) {
        const x = 2 * next() - 1;
        const y = 2 * next() - 1;
        const r2 = x * x + y * y;
        if (r2 > 0.01 && r2 <= 1) {
          const r = Math.sqrt(r2);
          return [x / r, y / r];
        }
      }
    },
  };
}

/**
 * Stateless hash of an integer lattice point (x, y) to [0, 1), for value noise: any pixel can
 * be evaluated in any order and gets the same value.
 */
export function hash2(seed: number, x: number, y: number): number {
  let h = (Math.imul(x, 0x27d4eb2d) ^ Math.imul(y, 0x165667b1) ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/**
 * Smooth value noise in [0, 1]: random values on a lattice `scale` px apart, interpolated with
 * smoothstep. Cheap texture without trigonometry; (x, y) in pixels, any real numbers.
 */
export function valueNoise(seed: number, x: number, y: number, scale: number): number {
  const fx = x / scale, fy = y / scale, ix = Math.floor(fx), iy = Math.floor(fy);
  let tx = fx - ix, ty = fy - iy;
  tx = tx * tx * (3 - 2 * tx);
  ty = ty * ty * (3 - 2 * ty);
  const top = hash2(seed, ix, iy) * (1 - tx) + hash2(seed, ix + 1, iy) * tx;
  const bottom = hash2(seed, ix, iy + 1) * (1 - tx) + hash2(seed, ix + 1, iy + 1) * tx;
  return top * (1 - ty) + bottom * ty;
}
