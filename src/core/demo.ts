/**
 * Demo project: synthetic Hoechst-stained nucleus images generated in code, so a first start
 * with an empty database has something to annotate without network access or a shipped dataset.
 *
 * Each image is 16-bit grayscale in camera counts: a camera offset, gently uneven illumination,
 * faint cytoplasm haze, nuclei of varied size, shape and brightness with chromatin texture,
 * touching pairs, micronuclei, fragment clusters, pyknotic (small, very bright) nuclei and
 * shot + read noise. Only seeded integer PRNG output and IEEE-exact arithmetic (+ - * / sqrt)
 * are used, so the pixels are identical on every call, engine and platform.
 */
import { simplifyExact } from './mask/simplify';
import { traceLabels } from './mask/trace';
import type { Ring } from './objects';
import type { Raster16 } from './raster';
import { createRng, valueNoise, type Rng } from './random';

export interface DemoImage {
  name: string;
  raster: Raster16;
  /**
   * The objects an annotator would outline, for the images that come annotated (the others are
   * left for the user): one per blob, pixels inside its outline, as exact simplified rings.
   */
  objects: Ring[][];
}

const SIZE = 768;
/** Dark level of the camera (counts): what an empty, unlit pixel reads. */
const OFFSET = 200;
/** Out-of-focus glow of the medium/plastic above the offset (counts). */
const BG_GLOW = 25;
const READ_NOISE = 5; // counts, standard deviation
const SHOT_GAIN = 0.5; // shot-noise variance per count of signal (camera gain ~2 e-/count)
const HAZE_STEP = 4; // the cytoplasm haze is rendered at 1/4 resolution
const SQRT6 = Math.sqrt(6);

/** One blob: a rotated ellipse whose outline wobbles with a few low harmonics. */
interface Blob {
  x: number; y: number; // centre, image px
  a: number; b: number; // semi-axes, px
  ca: number; sa: number; // cos/sin of the orientation
  harm: number[]; // per harmonic k = 2, 3, ...: amplitude, cos(phase), sin(phase)
  edge: number; // width of the soft edge, px (blur of the optics)
  peak: number; // signal at the centre above background, counts
  tex: number; // chromatin texture amplitude, fraction of peak
  spots: number[]; // chromocentres / nucleoli: dx, dy from centre (px), radius (px), amplitude
}

/** Outline radius at direction (c1, s1) in ellipse-normalized units (1 = plain ellipse). */
function outline(b: Blob, c1: number, s1: number): number {
  let r = 1, ck = c1, sk = s1;
  for (let i = 0; i < b.harm.length; i += 3) {
    // cos/sin of the next multiple angle by complex multiplication: no trigonometry needed.
    const c = ck * c1 - sk * s1;
    sk = sk * c1 + ck * s1;
    ck = c;
    r += b.harm[i] * (ck * b.harm[i + 1] - sk * b.harm[i + 2]);
  }
  return r;
}

/** Distance (px) from the centre to the outline along unit direction (dx, dy). */
function reach(b: Blob, dx: number, dy: number): number {
  const u = (dx * b.ca + dy * b.sa) / b.a, v = (dy * b.ca - dx * b.sa) / b.b;
  const rho = Math.sqrt(u * u + v * v);
  return outline(b, u / rho, v / rho) / rho;
}

/** Radius of a circle that surely contains the blob's outline, px. */
function bound(b: Blob): number {
  let wobble = 0;
  for (let i = 0; i < b.harm.length; i += 3) wobble += Math.abs(b.harm[i]);
  return Math.max(b.a, b.b) * (1 + wobble);
}

/**
 * Renders a blob into `field` (size x size). Blobs combine by max, not sum: cells in a monolayer
 * press against each other rather than stacking, so touching nuclei keep the faint seam
 * annotators look for, and overlapping cytoplasm does not pile up into bright bridges.
 */
function stamp(field: Float64Array, size: number, b: Blob, seed: number): void {
  const ext = bound(b) + b.edge, rm = (b.a + b.b) / 2;
  const x0 = Math.max(0, Math.floor(b.x - ext)), x1 = Math.min(size - 1, Math.ceil(b.x + ext));
  const y0 = Math.max(0, Math.floor(b.y - ext)), y1 = Math.min(size - 1, Math.ceil(b.y + ext));
  for (let py = y0; py <= y1; py++) {
    for (let px = x0; px <= x1; px++) {
      const dx = px + 0.5 - b.x, dy = py + 0.5 - b.y;
      if (dx * dx + dy * dy > ext * ext) continue; // cheap reject of the bounding box's corners
      const u = (dx * b.ca + dy * b.sa) / b.a, v = (dy * b.ca - dx * b.sa) / b.b;
      const rho = Math.sqrt(u * u + v * v);
      const r = rho > 1e-9 ? outline(b, u / rho, v / rho) : 1;
      // (r - rho) * mean radius approximates the distance to the outline in px.
      let t = ((r - rho) * rm) / b.edge + 0.5;
      if (t <= 0) continue;
      t = t >= 1 ? 1 : t * t * (3 - 2 * t);
      let val = 1 - 0.2 * rho * rho; // thicker (brighter) in the middle
      if (b.tex > 0) { // chromatin: coarse clumps plus fine grain
        const grain = 0.6 * valueNoise(seed, px, py, 4.5) + 0.4 * valueNoise(seed + 1, px, py, 2);
        val *= 1 + b.tex * (2 * grain - 1);
      }
      for (let i = 0; i < b.spots.length; i += 4) {
        const sx = dx - b.spots[i], sy = dy - b.spots[i + 1], sr = b.spots[i + 2];
        const q = 1 - (sx * sx + sy * sy) / (sr * sr);
        if (q > 0) val += b.spots[i + 3] * q * q;
      }
      val *= b.peak * t;
      const k = py * size + px;
      if (val > field[k]) field[k] = val;
    }
  }
}

/** Low-resolution cell and weight for bilinear upsampling of full-resolution pixel index i. */
function lattice(i: number, size: number): [number, number] {
  const f = Math.min(size - 1, Math.max(0, (i + 0.5) / HAZE_STEP - 0.5));
  const cell = Math.min(size - 2, Math.floor(f));
  return [cell, f - cell];
}

/** A blob of mean radius r (px); `wobble` scales the outline irregularity. */
function blob(rng: Rng, x: number, y: number, r: number, elong: number, wobble: number, edge: number, peak: number): Blob {
  const [ca, sa] = rng.direction();
  const harm: number[] = [];
  for (let k = 2; k <= 4; k++) harm.push((wobble * rng.range(0.2, 1)) / k, ...rng.direction());
  return { x, y, a: r * elong, b: r / elong, ca, sa, harm, edge, peak, tex: 0, spots: [] };
}

function nucleus(rng: Rng, x: number, y: number): Blob {
  // Brightness varies ~3x with DNA content and focus; some nuclei are dim.
  const peak = rng.chance(0.15) ? rng.range(450, 900) : rng.range(1300, 3800);
  const n = blob(rng, x, y, rng.range(11, 28), rng.range(1, 1.4), 0.12, rng.range(1.5, 2.8), peak);
  n.tex = rng.range(0.12, 0.25);
  const rm = (n.a + n.b) / 2;
  for (let i = rng.int(2, 7); i >= 0; i--) { // bright chromocentres
    const [dx, dy] = rng.direction(), d = rng.range(0, 0.7) * rm;
    n.spots.push(dx * d, dy * d, rng.range(1.2, 2.5), rng.range(0.2, 0.45));
  }
  for (let i = rng.int(0, 2); i > 0; i--) { // nucleoli are Hoechst-poor: darker holes
    const [dx, dy] = rng.direction(), d = rng.range(0, 0.5) * rm;
    n.spots.push(dx * d, dy * d, rng.range(2, 4), -0.25);
  }
  return n;
}

/** Whether circle (x, y, r) clears every blob except `skip` by `gap` px. */
function free(blobs: Blob[], x: number, y: number, r: number, gap: number, skip?: Blob): boolean {
  // sqrt rather than Math.hypot: hypot is not correctly rounded and may differ between engines.
  return blobs.every((o) => {
    const dx = o.x - x, dy = o.y - y;
    return o === skip || Math.sqrt(dx * dx + dy * dy) >= bound(o) + r + gap;
  });
}

/** Calls `attempt` until it has succeeded `count` times; gives up after 500 tries if crowded. */
function fill(count: number, attempt: () => boolean): void {
  for (let made = 0, tries = 0; made < count && tries < 500; tries++) if (attempt()) made++;
}

/**
 * What the camera records: illumination x (background glow + haze + nuclei) + offset + noise.
 * `haze` is at 1/HAZE_STEP resolution. Illumination falls off ~30% towards the corners from an
 * off-centre optical axis.
 */
function expose(signal: Float64Array, haze: Float64Array, rng: Rng): Uint16Array {
  const hs = SIZE / HAZE_STEP;
  const ax = SIZE * rng.range(0.35, 0.65), ay = SIZE * rng.range(0.35, 0.65);
  // Bilinear upsampling of the haze: column positions and weights are the same on every row.
  const hx = new Int32Array(SIZE), wx = new Float64Array(SIZE);
  for (let x = 0; x < SIZE; x++) [hx[x], wx[x]] = lattice(x, hs);
  const data = new Uint16Array(SIZE * SIZE);
  for (let y = 0, k = 0; y < SIZE; y++) {
    const [hy, wy] = lattice(y, hs), ry = (y - ay) / SIZE;
    for (let x = 0; x < SIZE; x++, k++) {
      const h0 = hy * hs + hx[x], h1 = h0 + hs, t = wx[x];
      const top = haze[h0] + (haze[h0 + 1] - haze[h0]) * t, bottom = haze[h1] + (haze[h1 + 1] - haze[h1]) * t;
      const rx = (x - ax) / SIZE;
      const s = (1 - 0.6 * (rx * rx + ry * ry)) * (BG_GLOW + top + (bottom - top) * wy + signal[k]);
      // Triangular noise from the two 16-bit halves of one draw: unit variance, one PRNG call.
      const r = rng.uint32(), noise = ((r & 0xffff) - (r >>> 16)) * (SQRT6 / 65536);
      const v = OFFSET + s + Math.sqrt(READ_NOISE * READ_NOISE + SHOT_GAIN * s) * noise;
      data[k] = Math.min(65535, Math.max(0, Math.floor(v + 0.5)));
    }
  }
  return data;
}

const PLANS = [
  // Annotated, to show what the app does at first sight.
  { name: 'DEMO_000000000001_B02f00d0', seed: 0xb02, nuclei: 30, pairs: 3, micro: 6, fragments: 2, pyknotic: 1, annotated: true },
  // Denser field: more touching pairs to separate.
  { name: 'DEMO_000000000001_C05f01d0', seed: 0xc05, nuclei: 42, pairs: 5, micro: 5, fragments: 1, pyknotic: 2, annotated: false },
  // Sparser, "treated" field: more micronuclei, fragments and pyknotic nuclei.
  { name: 'DEMO_000000000001_D07f02d0', seed: 0xd07, nuclei: 22, pairs: 2, micro: 9, fragments: 4, pyknotic: 3, annotated: false },
];

function generate(plan: (typeof PLANS)[number]): DemoImage {
  const rng = createRng(plan.seed);
  const nuclei: Blob[] = [], small: Blob[] = [];
  // Cells grow in colonies: most nuclei near a few cluster centres, some anywhere.
  const centres = Array.from({ length: 4 }, () => [rng.range(100, SIZE - 100), rng.range(100, SIZE - 100)]);
  for (let tries = 0; nuclei.length < plan.nuclei && tries < 5000; tries++) {
    const [cx, cy] = centres[rng.int(0, centres.length - 1)], near = rng.chance(0.75);
    const x = near ? cx + rng.normal() * 90 : rng.range(-10, SIZE + 10);
    const y = near ? cy + rng.normal() * 90 : rng.range(-10, SIZE + 10);
    const n = nucleus(rng, x, y);
    if (free(nuclei, x, y, bound(n), 4)) nuclei.push(n);
  }
  const regular = nuclei.filter((n) => n.peak > 1000 && Math.min(n.x, n.y, SIZE - n.x, SIZE - n.y) > 40);
  const pick = (): Blob => regular[rng.int(0, regular.length - 1)];
  fill(plan.pairs, () => { // touching pairs: outlines meet or overlap by up to 2 px
    const a = pick(), [dx, dy] = rng.direction(), b = nucleus(rng, 0, 0);
    const d = reach(a, dx, dy) + reach(b, -dx, -dy) - rng.range(0, 2);
    b.x = a.x + dx * d;
    b.y = a.y + dy * d;
    const ok = Math.min(b.x, b.y, SIZE - b.x, SIZE - b.y) > 0 && free(nuclei, b.x, b.y, bound(b), 3, a);
    return ok && nuclei.push(b) > 0;
  });
  fill(plan.micro, () => { // micronuclei: radius 2-3.2 px (area ~12-32 px), 1.5-5 px off a nucleus
    const p = pick(), [dx, dy] = rng.direction(), r = rng.range(2, 3.2);
    const d = reach(p, dx, dy) + rng.range(1.5, 5) + r;
    const m = blob(rng, p.x + dx * d, p.y + dy * d, r, rng.range(1, 1.25), 0.1, 0.9, p.peak * rng.range(0.9, 1.5));
    return free(nuclei.concat(small), m.x, m.y, r, 2, p) && small.push(m) > 0;
  });
  fill(plan.fragments, () => { // apoptotic nucleus: tight cluster of small, irregular, bright bits
    const x = rng.range(40, SIZE - 40), y = rng.range(40, SIZE - 40);
    if (!free(nuclei, x, y, 16, 4)) return false;
    for (let i = rng.int(4, 7); i > 0; i--) {
      const [dx, dy] = rng.direction(), d = rng.range(3, 12);
      small.push(blob(rng, x + dx * d, y + dy * d, rng.range(1.8, 4), rng.range(1, 1.5), 0.35, 0.8, rng.range(2500, 5000)));
    }
    return true;
  });
  fill(plan.pyknotic, () => { // pyknotic nuclei: condensed, small, round, much brighter
    const x = rng.range(30, SIZE - 30), y = rng.range(30, SIZE - 30);
    const p = blob(rng, x, y, rng.range(5, 8), rng.range(1, 1.2), 0.08, 1, rng.range(4500, 7000));
    p.tex = 0.06;
    return free(nuclei.concat(small), x, y, bound(p), 6) && nuclei.push(p) > 0;
  });

  // Cytoplasm: faint, larger, irregular glow around each nucleus (unbound dye, autofluorescence).
  // It is smooth, so it is rendered at 1/HAZE_STEP resolution and interpolated: 16x less work.
  const hs = SIZE / HAZE_STEP, haze = new Float64Array(hs * hs), signal = new Float64Array(SIZE * SIZE);
  for (const n of nuclei) {
    const [ox, oy] = rng.direction(), off = rng.range(0, 0.6) * n.a, r = (n.a + n.b) * rng.range(1.1, 1.6);
    const c = blob(rng, (n.x + ox * off) / HAZE_STEP, (n.y + oy * off) / HAZE_STEP, r / HAZE_STEP,
      rng.range(1.2, 1.7), 0.4, rng.range(10, 20) / HAZE_STEP, Math.min(n.peak, 3000) * rng.range(0.03, 0.08));
    stamp(haze, hs, c, 0);
  }
  for (const n of nuclei.concat(small)) stamp(signal, SIZE, n, plan.seed);

  const data = expose(signal, haze, rng);
  const objects = plan.annotated ? outlines(nuclei.concat(small)) : [];
  return { name: plan.name, raster: { width: SIZE, height: SIZE, channels: 1, bitDepth: 16, data }, objects };
}

/** Each blob's pixels (centre inside its outline; later blobs win where two meet), traced and simplified. */
function outlines(blobs: Blob[]): Ring[][] {
  const labels = new Uint32Array(SIZE * SIZE);
  blobs.forEach((b, i) => {
    const ext = bound(b);
    for (let py = Math.max(0, Math.floor(b.y - ext)); py <= Math.min(SIZE - 1, Math.ceil(b.y + ext)); py++) {
      for (let px = Math.max(0, Math.floor(b.x - ext)); px <= Math.min(SIZE - 1, Math.ceil(b.x + ext)); px++) {
        const dx = px + 0.5 - b.x, dy = py + 0.5 - b.y;
        const u = (dx * b.ca + dy * b.sa) / b.a, v = (dy * b.ca - dx * b.sa) / b.b;
        const rho = Math.sqrt(u * u + v * v);
        if (rho < 1e-9 || rho < outline(b, u / rho, v / rho)) labels[py * SIZE + px] = i + 1;
      }
    }
  });
  const { rings } = traceLabels(labels, SIZE, SIZE, blobs.length);
  return rings.filter((object) => object.length > 0).map((object) => simplifyExact(object, { width: SIZE, height: SIZE }));
}

/** Deterministic: same output on every call and platform. All three take ~100-200 ms in Node. */
export function generateDemoImages(): DemoImage[] {
  return PLANS.map(generate);
}
