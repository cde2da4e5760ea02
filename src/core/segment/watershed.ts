/**
 * Seeded watershed by priority flooding (Meyer's algorithm) on the pixel grid, 4-connected:
 * seed regions grow into the mask, the pixel with the highest `priority` first, so two
 * regions meet along the valleys (lowest values) between their peaks. A pixel takes the label
 * of the region that reaches it first; equal priorities are taken first in, first out, so a
 * plateau is shared fairly. Mask pixels no seed can reach stay 0.
 */

/**
 * `seeds`: per pixel 0 or a label (seed pixels keep theirs, even outside the mask); `mask`:
 * non-zero where regions may grow; `priority`: e.g. a distance map or a probability. Returns a
 * new label image; `seeds` is not changed.
 */
export function seededWatershed(priority: Float32Array, seeds: Uint32Array, mask: Uint8Array, width: number, height: number): Uint32Array {
  const labels = seeds.slice();
  const queue = new PixelHeap(priority, mask.length);
  for (let p = 0; p < labels.length; p++) if (labels[p]) queue.push(p);
  while (queue.size > 0) {
    const p = queue.pop();
    const label = labels[p];
    const x = p % width;
    if (x > 0) visit(p - 1);
    if (x < width - 1) visit(p + 1);
    if (p >= width) visit(p - width);
    if (p < (height - 1) * width) visit(p + width);
    function visit(q: number): void {
      if (labels[q] || !mask[q]) return;
      labels[q] = label;
      queue.push(q);
    }
  }
  return labels;
}

/** Max-heap of pixel indices by priority, ties by push order (each pixel pushed at most once). */
class PixelHeap {
  private readonly pixels: Int32Array;
  private readonly order: Uint32Array;
  private readonly keys: Float32Array;
  private pushed = 0;
  size = 0;

  constructor(keys: Float32Array, capacity: number) {
    this.keys = keys;
    this.pixels = new Int32Array(capacity);
    this.order = new Uint32Array(capacity);
  }

  /** True when heap slot i should be above slot j. */
  private before(i: number, j: number): boolean {
    const a = this.keys[this.pixels[i]], b = this.keys[this.pixels[j]];
    return a > b || (a === b && this.order[i] < this.order[j]);
  }

  private swap(i: number, j: number): void {
    const p = this.pixels[i], o = this.order[i];
    this.pixels[i] = this.pixels[j];
    this.order[i] = this.order[j];
    this.pixels[j] = p;
    this.order[j] = o;
  }

  push(pixel: number): void {
    let i = this.size++;
    this.pixels[i] = pixel;
    this.order[i] = this.pushed++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): number {
    const top = this.pixels[0];
    const last = --this.size;
    this.pixels[0] = this.pixels[last];
    this.order[0] = this.order[last];
    let i = 0;
    for (;;) {
      const left = 2 * i + 1, right = left + 1;
      let best = i;
      if (left < last && this.before(left, best)) best = left;
      if (right < last && this.before(right, best)) best = right;
      if (best === i) break;
      this.swap(i, best);
      i = best;
    }
    return top;
  }
}
