/**
 * Exact Euclidean distance transform (Felzenszwalb & Huttenlocher's separable lower envelope of
 * parabolas): for every mask pixel, the distance in pixels from its centre to the centre of the
 * nearest pixel outside the mask. Pixels beyond the image border count as outside, so objects
 * cut by the border are measured as ending there.
 */

/** Distances (0 outside the mask), row-major like the mask. */
export function distanceTransform(mask: Uint8Array, width: number, height: number): Float32Array {
  const big = (width + height + 2) ** 2;
  // Work on the image padded by one outside pixel on every side.
  const w = width + 2, h = height + 2;
  const grid = new Float64Array(w * h);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (mask[y * width + x]) grid[(y + 1) * w + x + 1] = big;
  const line = new Float64Array(Math.max(w, h)), out = new Float64Array(Math.max(w, h));
  const hull = new Int32Array(Math.max(w, h)), cut = new Float64Array(Math.max(w, h) + 1);
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) line[y] = grid[y * w + x];
    envelope(line, h, out, hull, cut);
    for (let y = 0; y < h; y++) grid[y * w + x] = out[y];
  }
  const result = new Float32Array(width * height);
  for (let y = 1; y <= height; y++) {
    for (let x = 0; x < w; x++) line[x] = grid[y * w + x];
    envelope(line, w, out, hull, cut);
    for (let x = 1; x <= width; x++) result[(y - 1) * width + x - 1] = Math.sqrt(out[x]);
  }
  return result;
}

/** 1-D squared distance transform of `f[0..n)` into `d` (lower envelope of parabolas). */
function envelope(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  const meet = (q: number, p: number) => (f[q] + q * q - (f[p] + p * p)) / (2 * (q - p));
  let k = 0;
  v[0] = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    let s = meet(q, v[k]);
    while (s <= z[k]) s = meet(q, v[--k]); // z[0] = -Infinity ends this at k = 0
    v[++k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1] < q) k++;
    const p = v[k];
    d[q] = (q - p) * (q - p) + f[p];
  }
}
