/**
 * Tiles for running the network on images larger than one pass should take: each tile is a
 * core (the pixels whose output it provides) plus a margin of context on every side. Cores
 * cover the image exactly once, so the stitched maps have no overlap to blend and labelling
 * runs once on the whole image, never per tile (no seams in the labels).
 *
 * The image is first padded once, at its right and bottom, to a multiple of the network's
 * stride (mirrored, as the training code pads), and every tile is a window of that one padded
 * image: a tile sees exactly the pixels, padding included, that a single pass would see.
 */

/** A rectangle in image pixels: columns [x0, x1), rows [y0, y1). */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Tile {
  /** What the network sees: core plus margin, a multiple of the stride per side, inside the padded image. */
  input: Rect;
  /** What the network's output provides to the stitched maps. */
  core: Rect;
}

/**
 * Tiles for a width x height image: one tile (the whole padded image) when both sides are at
 * most `maxTile` pixels; otherwise cores of at most maxTile - 2 * margin pixels per side, of
 * near-equal sizes, each read with at least `margin` pixels of context where the image has
 * them, the input grown to a multiple of `stride` (so up to stride - 1 past maxTile).
 */
export function planTiles(width: number, height: number, maxTile: number, margin: number, stride: number): Tile[] {
  const paddedWidth = padTo(width, stride), paddedHeight = padTo(height, stride);
  if (width <= maxTile && height <= maxTile) {
    return [{ input: { x0: 0, y0: 0, x1: paddedWidth, y1: paddedHeight }, core: { x0: 0, y0: 0, x1: width, y1: height } }];
  }
  const coreSide = maxTile - 2 * margin;
  if (coreSide < 1) throw new RangeError(`tile side ${maxTile} leaves no core with a margin of ${margin}`);
  const cuts = (size: number) => {
    const n = Math.ceil(size / coreSide);
    return Array.from({ length: n + 1 }, (_, i) => Math.round((i * size) / n));
  };
  const xs = cuts(width), ys = cuts(height);
  const tiles: Tile[] = [];
  for (let j = 0; j + 1 < ys.length; j++) {
    for (let i = 0; i + 1 < xs.length; i++) {
      const core = { x0: xs[i], y0: ys[j], x1: xs[i + 1], y1: ys[j + 1] };
      const [x0, x1] = align(Math.max(core.x0 - margin, 0), Math.min(core.x1 + margin, width), stride, paddedWidth);
      const [y0, y1] = align(Math.max(core.y0 - margin, 0), Math.min(core.y1 + margin, height), stride, paddedHeight);
      tiles.push({ input: { x0, y0, x1, y1 }, core });
    }
  }
  return tiles;
}

/** [start, end) grown to a multiple of `stride` long, rightwards unless that leaves [0, limit). */
function align(start: number, end: number, stride: number, limit: number): [number, number] {
  const length = padTo(end - start, stride);
  return start + length <= limit ? [start, start + length] : [limit - length, limit];
}

/** `n` rounded up to a multiple of `stride`. */
export function padTo(n: number, stride: number): number {
  return Math.ceil(n / stride) * stride;
}

/**
 * A row-major width x height image as a paddedWidth x paddedHeight array, the extra right
 * columns and bottom rows mirrored about the last ones (numpy's "reflect": the edge pixel is
 * not repeated), as the training code pads.
 */
export function padImage(image: Float32Array, width: number, height: number, paddedWidth: number, paddedHeight: number): Float32Array {
  const out = new Float32Array(paddedWidth * paddedHeight);
  for (let y = 0; y < paddedHeight; y++) {
    const row = mirror(y, height) * width;
    for (let x = 0; x < paddedWidth; x++) out[y * paddedWidth + x] = image[row + (x < width ? x : mirror(x, width))];
  }
  return out;
}

/** The `rect` of a row-major image `imageWidth` wide, as its own array. */
export function crop(image: Float32Array, imageWidth: number, rect: Rect): Float32Array {
  const w = rect.x1 - rect.x0;
  const out = new Float32Array(w * (rect.y1 - rect.y0));
  for (let y = rect.y0; y < rect.y1; y++) out.set(image.subarray(y * imageWidth + rect.x0, y * imageWidth + rect.x1), (y - rect.y0) * w);
  return out;
}

/** Index i folded into [0, n) by reflection about 0 and n - 1 (periodic for any i >= 0). */
function mirror(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  const r = i % period;
  return r < n ? r : period - r;
}

/**
 * Copies the core of one tile's output (`channel` of a [channels, rows, columns] array
 * computed for `tile.input`) into the full-image map `target` (imageWidth wide).
 */
export function pasteCore(output: Float32Array, channel: number, tile: Tile, target: Float32Array, imageWidth: number): void {
  const { input, core } = tile;
  const columns = input.x1 - input.x0;
  const base = channel * columns * (input.y1 - input.y0);
  for (let y = core.y0; y < core.y1; y++) {
    const from = base + (y - input.y0) * columns + (core.x0 - input.x0);
    target.set(output.subarray(from, from + core.x1 - core.x0), y * imageWidth + core.x0);
  }
}
