/**
 * One-to-one matching of reference ("truth") and candidate objects, as StarDist's `matching`
 * does: among pairs with IoU >= t, the assignment with the most pairs and, among those, the
 * largest total IoU (Hungarian algorithm). For t >= 0.5 a pair is unique anyway (two objects
 * cannot both cover more than half of a third), but lower thresholds need the assignment.
 */
import { assignMinCost } from './hungarian';
import type { OverlapPair, Overlaps } from './overlaps';

/**
 * The matched pairs at threshold `t` (IoU >= t), ordered by truth label. Pairs that compete
 * (share an object) are solved together, one connected group at a time, so the cost matrices
 * stay tiny even on images with thousands of objects.
 */
export function matchPairs(overlaps: Overlaps, t: number): OverlapPair[] {
  const edges = overlaps.pairs.filter((pair) => pair.iou >= t);
  const matched: OverlapPair[] = [];
  for (const group of connectedGroups(edges)) {
    if (group.length === 1) matched.push(group[0]);
    else matched.push(...assignGroup(group));
  }
  return matched.sort((a, b) => a.truth - b.truth);
}

/** Best assignment within one group: most pairs first, then the largest IoU sum. */
function assignGroup(group: OverlapPair[]): OverlapPair[] {
  const rows = [...new Set(group.map((e) => e.truth))], cols = [...new Set(group.map((e) => e.candidate))];
  const rowOf = new Map(rows.map((label, i) => [label, i])), colOf = new Map(cols.map((label, i) => [label, i]));
  // A pair is worth 1 plus its IoU scaled so that all IoUs together add less than one more
  // pair could: the count is maximized first, the IoU sum second (StarDist's cost).
  const scale = 1 / (2 * Math.min(rows.length, cols.length));
  const cost = new Float64Array(rows.length * cols.length); // 0: no pair (worth nothing)
  const edgeAt = new Map<number, OverlapPair>();
  for (const e of group) {
    const index = rowOf.get(e.truth)! * cols.length + colOf.get(e.candidate)!;
    cost[index] = -(1 + e.iou * scale);
    edgeAt.set(index, e);
  }
  const assignment = assignMinCost(cost, rows.length, cols.length);
  const result: OverlapPair[] = [];
  assignment.forEach((col, row) => {
    const edge = col >= 0 ? edgeAt.get(row * cols.length + col) : undefined;
    if (edge) result.push(edge);
  });
  return result;
}

/** Splits edges into groups connected through shared truth or candidate objects. */
function connectedGroups(edges: OverlapPair[]): OverlapPair[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    while (parent.get(x) !== root) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  for (const e of edges) {
    const a = `t${e.truth}`, b = `c${e.candidate}`;
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    parent.set(find(a), find(b));
  }
  const groups = new Map<string, OverlapPair[]>();
  for (const e of edges) {
    const root = find(`t${e.truth}`);
    const list = groups.get(root);
    if (list) list.push(e);
    else groups.set(root, [e]);
  }
  return [...groups.values()];
}
