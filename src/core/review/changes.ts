/**
 * What changed in an image's objects between two versions, typically the snapshot taken at
 * submission and the current state, so a reviewer or annotator sees what the other did.
 */

/** The part of an object that review compares: identity, outline (image pixels) and stacking. */
export interface ObjectShape {
  id: string;
  rings: number[][];
  z: number;
}

export interface ObjectChanges {
  /** Ids only in `after`, in `after` order. */
  added: string[];
  /** Ids only in `before`, in `before` order. */
  removed: string[];
  /** Ids in both whose rings differ, in `after` order. */
  reshaped: string[];
  /** How many ids are in both with identical rings. */
  unchanged: number;
}

/**
 * Compares two object sets by id. In `after` only = added; in `before` only = removed; in both
 * with different rings (any coordinate differs, or the ring count or a ring's length) =
 * reshaped. Coordinates are compared exactly (a move by 1e-9 px is a reshape), so an edit
 * that puts every vertex back counts as unchanged. Rings are compared in order: the same
 * outline listed from another starting vertex counts as reshaped (edits never do that).
 * z-only changes (restacking) are not reshapes. Ids should be unique within each input; when
 * one repeats, its first occurrence is used and the later ones are ignored. O(total vertices).
 */
export function compareObjects(before: readonly ObjectShape[], after: readonly ObjectShape[]): ObjectChanges {
  const beforeById = firstById(before);
  const afterById = firstById(after);
  const added: string[] = [];
  const reshaped: string[] = [];
  let unchanged = 0;
  for (const [id, now] of afterById) {
    const then = beforeById.get(id);
    if (then === undefined) added.push(id);
    else if (sameRings(then.rings, now.rings)) unchanged++;
    else reshaped.push(id);
  }
  const removed: string[] = [];
  for (const id of beforeById.keys()) if (!afterById.has(id)) removed.push(id);
  return { added, removed, reshaped, unchanged };
}

/** Map in input order (Map keeps insertion order), first occurrence of each id. */
function firstById(objects: readonly ObjectShape[]): Map<string, ObjectShape> {
  const map = new Map<string, ObjectShape>();
  for (const object of objects) if (!map.has(object.id)) map.set(object.id, object);
  return map;
}

function sameRings(a: readonly number[][], b: readonly number[][]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    const p = a[r], q = b[r];
    if (p === q) continue;
    if (p.length !== q.length) return false;
    for (let i = 0; i < p.length; i++) {
      // NaN equals NaN here: an untouched (if broken) coordinate is not a change.
      if (p[i] !== q[i] && !(Number.isNaN(p[i]) && Number.isNaN(q[i]))) return false;
    }
  }
  return true;
}
