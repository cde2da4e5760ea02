/** Test pictures that look like masks but are not. */

/** RGB discs of flat colours with soft edges blended over black and each other, as a canvas draws them. */
export function antiAliasedDiscs(size: number, discs: ReadonlyArray<readonly [cx: number, cy: number, r: number, rgb: readonly number[]]>): Uint8Array {
  const data = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (const [cx, cy, r, rgb] of discs) {
        const cover = Math.min(1, Math.max(0, r - Math.hypot(x + 0.5 - cx, y + 0.5 - cy)));
        if (cover > 0) for (let c = 0; c < 3; c++) data[(y * size + x) * 3 + c] = Math.round(rgb[c] * cover + data[(y * size + x) * 3 + c] * (1 - cover));
      }
    }
  }
  return data;
}

/** Three overlapping discs on 96 x 96 pixels. */
export const THREE_DISCS = [[30, 30, 20, [255, 60, 0]], [64, 40, 18, [0, 200, 255]], [45, 70, 22, [120, 255, 90]]] as const;
