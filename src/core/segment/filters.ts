/** Separable image filters on row-major float images (width x height), edges clamped. */

/** Gaussian blur with standard deviation `sigma` pixels (kernel radius ceil(3 sigma)); sigma <= 0 copies. */
export function gaussianBlur(values: ArrayLike<number>, width: number, height: number, sigma: number): Float32Array {
  if (sigma <= 0) return Float32Array.from(values);
  const radius = Math.ceil(3 * sigma);
  const kernel = Float32Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const total = kernel.reduce((a, b) => a + b, 0);
  kernel.forEach((k, i) => (kernel[i] = k / total));
  return separable(values, width, height, (line, n, out) => {
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let k = -radius; k <= radius; k++) sum += kernel[k + radius] * line[Math.min(Math.max(i + k, 0), n - 1)];
      out[i] = sum;
    }
  });
}

/** Maximum over the (2 radius + 1)² square around each pixel. */
export function maxFilter(values: ArrayLike<number>, width: number, height: number, radius: number): Float32Array {
  return separable(values, width, height, (line, n, out) => {
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let k = Math.max(i - radius, 0), end = Math.min(i + radius, n - 1); k <= end; k++) if (line[k] > max) max = line[k];
      out[i] = max;
    }
  });
}

/** Mean over the (2 radius + 1)² square around each pixel (running sums, edges clamped). */
export function boxMean(values: ArrayLike<number>, width: number, height: number, radius: number): Float32Array {
  const size = 2 * radius + 1;
  return separable(values, width, height, (line, n, out) => {
    let sum = 0;
    for (let k = -radius; k <= radius; k++) sum += line[Math.min(Math.max(k, 0), n - 1)];
    for (let i = 0; i < n; i++) {
      out[i] = sum / size;
      sum += line[Math.min(i + radius + 1, n - 1)] - line[Math.max(i - radius, 0)];
    }
  });
}

type LineFilter = (line: Float32Array, n: number, out: Float32Array) => void;

/** Applies `filter` to every row, then to every column of the result. */
function separable(values: ArrayLike<number>, width: number, height: number, filter: LineFilter): Float32Array {
  const rows = new Float32Array(width * height);
  const line = new Float32Array(Math.max(width, height)), out = new Float32Array(Math.max(width, height));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) line[x] = values[y * width + x];
    filter(line, width, out);
    rows.set(out.subarray(0, width), y * width);
  }
  const result = new Float32Array(width * height);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) line[y] = rows[y * width + x];
    filter(line, height, out);
    for (let y = 0; y < height; y++) result[y * width + x] = out[y];
  }
  return result;
}

/**
 * Otsu's threshold of a histogram: the value t maximizing the between-class variance of {<= t}
 * and {> t}; the middle of the range when several t tie (empty bins between two levels).
 */
export function otsuThreshold(hist: Uint32Array): number {
  let total = 0, sumAll = 0;
  hist.forEach((count, v) => ((total += count), (sumAll += v * count)));
  let below = 0, sumBelow = 0, first = 0, last = 0, bestVariance = -1;
  for (let t = 0; t < hist.length; t++) {
    below += hist[t];
    sumBelow += t * hist[t];
    const above = total - below;
    if (below === 0 || above === 0) continue;
    const difference = sumBelow / below - (sumAll - sumBelow) / above;
    const variance = below * above * difference * difference;
    if (variance > bestVariance * (1 + 1e-12)) (bestVariance = variance), (first = last = t);
    else if (variance >= bestVariance * (1 - 1e-12)) last = t;
  }
  return Math.floor((first + last) / 2);
}
