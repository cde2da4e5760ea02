/**
 * Connected pieces of a binary mask on the pixel grid (rows top to bottom, index y * width + x).
 * 4-connectivity (edge neighbours) unless stated: the dataset's objects are 4-connected pieces
 * and traceLabels gives each 4-connected piece its own ring.
 */

export interface Components {
  /** Per pixel: 0 outside the mask, else 1..count, numbered in raster order of first pixel. */
  labels: Uint32Array;
  count: number;
}

/** Labels the pieces of `mask` (non-zero = inside); `eight` also joins corner neighbours. */
export function connectedComponents(mask: Uint8Array, width: number, height: number, eight = false): Components {
  const labels = new Uint32Array(width * height);
  const stack = new Int32Array(width * height);
  let count = 0;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    const label = ++count;
    labels[start] = label;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const p = stack[--top];
      const x = p % width, y = (p - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx === 0 && dy === 0) || (!eight && dx !== 0 && dy !== 0)) continue;
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (mask[q] && !labels[q]) {
            labels[q] = label;
            stack[top++] = q;
          }
        }
      }
    }
  }
  return { labels, count };
}

/** `mask` with every hole filled: background pieces (4-connected) not touching the border. */
export function fillHoles(mask: Uint8Array, width: number, height: number): Uint8Array {
  const background = mask.map((v) => (v ? 0 : 1));
  const { labels, count } = connectedComponents(background, width, height);
  const outside = new Uint8Array(count + 1);
  for (let x = 0; x < width; x++) (outside[labels[x]] = 1), (outside[labels[(height - 1) * width + x]] = 1);
  for (let y = 0; y < height; y++) (outside[labels[y * width]] = 1), (outside[labels[y * width + width - 1]] = 1);
  return mask.map((v, p) => (v || !outside[labels[p]] ? 1 : 0));
}
