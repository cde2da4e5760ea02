/**
 * Minimum-cost assignment on a dense rows x cols cost matrix (Kuhn–Munkres with potentials,
 * O(n² m) for n <= m rows). Every row is assigned when rows <= cols, every column otherwise;
 * callers express "no pair" as a cost that never beats a real pair (see matching.ts).
 */

/**
 * `cost[r * cols + c]`; returns for each row its column (or -1 when rows > cols left it out).
 * Ties are broken deterministically (first minimum in index order).
 */
export function assignMinCost(cost: Float64Array, rows: number, cols: number): Int32Array {
  if (rows > cols) {
    const byColumn = assignMinCost(transpose(cost, rows, cols), cols, rows);
    const result = new Int32Array(rows).fill(-1);
    byColumn.forEach((row, col) => (result[row] = col));
    return result;
  }
  // 1-based potentials u (rows), v (columns); way[] remembers the augmenting path.
  const u = new Float64Array(rows + 1), v = new Float64Array(cols + 1);
  const rowOfCol = new Int32Array(cols + 1); // 0 = free; column 0 is the virtual start
  const way = new Int32Array(cols + 1);
  const minTo = new Float64Array(cols + 1);
  const used = new Uint8Array(cols + 1);
  for (let row = 1; row <= rows; row++) {
    rowOfCol[0] = row;
    let col0 = 0;
    minTo.fill(Infinity);
    used.fill(0);
    do {
      used[col0] = 1;
      const r = rowOfCol[col0];
      let delta = Infinity, col1 = 0;
      for (let c = 1; c <= cols; c++) {
        if (used[c]) continue;
        const reduced = cost[(r - 1) * cols + (c - 1)] - u[r] - v[c];
        if (reduced < minTo[c]) (minTo[c] = reduced), (way[c] = col0);
        if (minTo[c] < delta) (delta = minTo[c]), (col1 = c);
      }
      for (let c = 0; c <= cols; c++) {
        if (used[c]) (u[rowOfCol[c]] += delta), (v[c] -= delta);
        else minTo[c] -= delta;
      }
      col0 = col1;
    } while (rowOfCol[col0] !== 0);
    do {
      const prev = way[col0];
      rowOfCol[col0] = rowOfCol[prev];
      col0 = prev;
    } while (col0 !== 0);
  }
  const result = new Int32Array(rows).fill(-1);
  for (let c = 1; c <= cols; c++) if (rowOfCol[c] !== 0) result[rowOfCol[c] - 1] = c - 1;
  return result;
}

function transpose(cost: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(cost.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = cost[r * cols + c];
  return out;
}
