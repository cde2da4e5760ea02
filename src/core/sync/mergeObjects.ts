/**
 * The merge rule for one image's objects from two places that changed them apart (another
 * machine through sync, or a project bundle): different objects are all kept; an object both
 * sides changed differently is a conflict — the later change wins and the other version is
 * returned so the user can see and restore it. Nothing is dropped without being reported.
 */
import type { AnnotationObject } from '../objects';

/** An image's objects as a side knows them: live objects, and tombstones of deleted ones (id -> version deleted). */
export interface ObjectSet {
  objects: readonly AnnotationObject[];
  removed: Readonly<Record<string, number>>;
}

export interface ObjectConflict {
  id: string;
  /** The version the merge keeps (null: the deletion won). */
  kept: AnnotationObject | null;
  /** The version it set aside (null: the other side deleted the object). */
  setAside: AnnotationObject | null;
}

export interface MergeResult extends ObjectSet {
  conflicts: ObjectConflict[];
}

/** Canonical JSON (sorted keys), so two copies of one object compare equal whoever wrote them. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const sameObject = (a: AnnotationObject | null, b: AnnotationObject | null): boolean =>
  a === b || (a !== null && b !== null && canonicalJson(a) === canonicalJson(b));

/** Later change first; ties by version, then author and content, so both sides pick the same winner. */
function later(a: AnnotationObject, b: AnnotationObject): AnnotationObject {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  if (a.version !== b.version) return a.version > b.version ? a : b;
  if (a.author !== b.author) return a.author > b.author ? a : b;
  return canonicalJson(a) > canonicalJson(b) ? a : b;
}

type Side = { object: AnnotationObject | null; deletedAt: number | undefined };
const sideOf = (set: ObjectSet, byId: Map<string, AnnotationObject>, id: string): Side => ({
  object: byId.get(id) ?? null,
  deletedAt: set.removed[id],
});

/**
 * Merges `local` and `remote`. With `base` (what both last agreed on, as sync knows it), a side
 * that left an object as it was takes the other side's change; without it (a bundle), every
 * object the two sides hold differently is a conflict.
 */
export function mergeObjectSets(local: ObjectSet, remote: ObjectSet, base: ObjectSet | null = null): MergeResult {
  const index = (set: ObjectSet) => new Map(set.objects.map((object) => [object.id, object]));
  const [localById, remoteById, baseById] = [index(local), index(remote), base ? index(base) : null];
  const ids = new Set([...localById.keys(), ...remoteById.keys(), ...Object.keys(local.removed), ...Object.keys(remote.removed)]);
  const objects: AnnotationObject[] = [];
  const removed: Record<string, number> = {};
  const conflicts: ObjectConflict[] = [];

  for (const id of [...ids].sort()) {
    const mine = sideOf(local, localById, id);
    const theirs = sideOf(remote, remoteById, id);
    const outcome = mergeOne(mine, theirs, baseById ? (baseById.get(id) ?? null) : undefined);
    if (outcome.conflict) conflicts.push({ id, ...outcome.conflict });
    if (outcome.object) objects.push(outcome.object);
    else removed[id] = Math.max(mine.deletedAt ?? 0, theirs.deletedAt ?? 0, mine.object?.version ?? 0, theirs.object?.version ?? 0);
  }
  return { objects, removed, conflicts };
}

/** `base` undefined: no common base known; null: the base had no such object. */
function mergeOne(mine: Side, theirs: Side, base: AnnotationObject | null | undefined): { object: AnnotationObject | null; conflict?: Omit<ObjectConflict, 'id'> } {
  const [a, b] = [mine.object, theirs.object];
  if (sameObject(a, b)) return { object: a };
  // Only one side changed it since the base: that change stands (a deletion too).
  if (base !== undefined && sameObject(a, base)) return { object: b };
  if (base !== undefined && sameObject(b, base)) return { object: a };
  // One side has it, the other never did: a new object, kept.
  if (a === null && mine.deletedAt === undefined) return { object: b };
  if (b === null && theirs.deletedAt === undefined) return { object: a };
  // One side deleted it: the deletion stands if the other holds the version that was deleted
  // (or an older one); a later edit of it wins over the deletion, which is reported.
  if (a === null || b === null) {
    const present = (a ?? b) as AnnotationObject;
    const deletedAt = (a === null ? mine.deletedAt : theirs.deletedAt) as number;
    if (present.version <= deletedAt) return { object: null };
    return { object: present, conflict: { kept: present, setAside: null } };
  }
  const winner = later(a, b);
  return { object: winner, conflict: { kept: winner, setAside: winner === a ? b : a } };
}
