/**
 * Length-limited Huffman codes for DEFLATE (RFC 1951 §3.2.2): code lengths from symbol
 * frequencies, then canonical codes, bit-reversed because DEFLATE sends Huffman codes most
 * significant bit first into a least-significant-bit-first stream.
 */

/**
 * Code lengths (0 = unused symbol) for `freqs`, none longer than `maxBits`. When plain Huffman
 * would exceed the limit, frequencies are halved (rounding up, so used symbols stay used) and
 * the tree rebuilt: a little less compact than package-merge, much simpler, and it terminates
 * because equal weights give a balanced tree (depth ⌈log2 n⌉ ≤ maxBits for DEFLATE's alphabets).
 * A single used symbol gets length 1. Ties are broken by symbol number, so output is
 * deterministic.
 */
export function huffmanLengths(freqs: ArrayLike<number>, maxBits: number): Uint8Array {
  const lengths = new Uint8Array(freqs.length);
  let weights = Array.from(freqs);
  for (;;) {
    const symbols = weights.map((_, s) => s).filter((s) => weights[s] > 0);
    if (symbols.length <= 1) {
      if (symbols.length === 1) lengths[symbols[0]] = 1;
      return lengths;
    }
    const depths = treeDepths(symbols.map((s) => weights[s]));
    if (Math.max(...depths) <= maxBits) {
      symbols.forEach((s, i) => (lengths[s] = depths[i]));
      return lengths;
    }
    weights = weights.map((w) => (w + 1) >> 1);
  }
}

/**
 * Leaf depths of a Huffman tree over `weights` (all > 0, at least 2), by the two-queue method:
 * leaves sorted by weight, merged nodes come out in non-decreasing weight order.
 */
function treeDepths(weights: number[]): number[] {
  const n = weights.length;
  const leaves = weights.map((_, i) => i).sort((a, b) => weights[a] - weights[b] || a - b);
  const weight = new Float64Array(2 * n - 1);
  const parent = new Int32Array(2 * n - 1);
  leaves.forEach((leaf, i) => (weight[i] = weights[leaf]));
  let nextLeaf = 0, nextNode = n, created = n;
  const takeSmallest = (): number => {
    if (nextLeaf < n && (nextNode >= created || weight[nextLeaf] <= weight[nextNode])) return nextLeaf++;
    return nextNode++;
  };
  while (created < 2 * n - 1) {
    const a = takeSmallest(), b = takeSmallest();
    weight[created] = weight[a] + weight[b];
    parent[a] = parent[b] = created++;
  }
  // Nodes are created after their children, so walking down from the root fills depths.
  const depth = new Int32Array(2 * n - 1);
  for (let node = 2 * n - 3; node >= 0; node--) depth[node] = depth[parent[node]] + 1;
  const out = new Array<number>(n);
  leaves.forEach((leaf, i) => (out[leaf] = depth[i]));
  return out;
}

/** Canonical codes for `lengths`, bit-reversed for LSB-first output (RFC 1951 §3.2.2). */
export function canonicalCodes(lengths: Uint8Array): Uint16Array {
  const count = new Uint16Array(16);
  for (const length of lengths) if (length) count[length]++;
  const next = new Uint16Array(16);
  for (let bits = 1, code = 0; bits < 16; bits++) {
    code = (code + count[bits - 1]) << 1; // count[0] is 0: unused symbols take no codes
    next[bits] = code;
  }
  const codes = new Uint16Array(lengths.length);
  lengths.forEach((length, symbol) => {
    if (length) codes[symbol] = reverse(next[length]++, length);
  });
  return codes;
}

function reverse(code: number, length: number): number {
  let out = 0;
  for (let i = 0; i < length; i++, code >>= 1) out = (out << 1) | (code & 1);
  return out;
}
