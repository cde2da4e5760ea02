/**
 * The project's local replica of its CouchDB database (PouchDB on IndexedDB) and what the sync
 * bridge asks of it: documents with every leaf revision, their common ancestor, replacing
 * conflicting leaves by one merged revision, and the bases (the content this browser last
 * merged or wrote per document, kept in `_local` documents, which never replicate).
 */
import type { ObjectSet } from '../../core/sync/mergeObjects';
import type { SyncDoc } from '../../core/sync/docs';
import { PouchDB, type Database } from './pouch';

export type Replica = Database<SyncDoc>;
export type Stored<T> = T & { _id: string; _rev: string };

/**
 * The local replica of the database at `url` (one per server database; memory in Node tests).
 * The URL goes into the name encoded: PouchDB takes a name containing "scheme://" for a remote database.
 */
export function openReplica(url: string, adapter?: 'memory'): Replica {
  return new PouchDB<SyncDoc>(`nuclei-annotator-sync-${encodeURIComponent(url)}`, adapter ? { adapter } : {});
}

/** The server's database; requests carry the user's credentials (HTTP basic authentication). */
export function openRemote(url: string, username: string, password: string): Replica {
  return new PouchDB<SyncDoc>(url, { skip_setup: true, auth: { username, password } });
}

const isMissing = (error: unknown) => (error as { status?: number }).status === 404;

/** The document's winning revision, or null. */
export async function readDoc<T extends SyncDoc>(db: Replica, id: string): Promise<Stored<T> | null> {
  try {
    return (await db.get(id)) as unknown as Stored<T>;
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** Every leaf revision of a document, the winner first; null when there is none. */
export async function readLeaves<T extends SyncDoc>(db: Replica, id: string): Promise<Array<Stored<T>> | null> {
  let winner: Stored<T> & { _conflicts?: string[] };
  try {
    winner = (await db.get(id, { conflicts: true })) as unknown as Stored<T> & { _conflicts?: string[] };
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  const { _conflicts: others = [], ...doc } = winner;
  const losers = await Promise.all(others.map((rev) => db.get(id, { rev }) as unknown as Promise<Stored<T>>));
  return [doc as Stored<T>, ...losers];
}

/** The latest revision every leaf descends from, if its body is still stored (it is until compaction). */
export async function commonAncestor<T extends SyncDoc>(db: Replica, id: string, leaves: ReadonlyArray<Stored<T>>): Promise<Stored<T> | null> {
  const histories = await Promise.all(
    leaves.map(async (leaf) => {
      const { _revisions } = (await db.get(id, { rev: leaf._rev, revs: true })) as unknown as { _revisions: { start: number; ids: string[] } };
      return _revisions.ids.map((hash, i) => `${_revisions.start - i}-${hash}`);
    }),
  );
  const common = histories[0].slice(1).find((rev) => histories.every((history) => history.includes(rev)));
  if (!common) return null;
  try {
    return (await db.get(id, { rev: common })) as unknown as Stored<T>;
  } catch {
    return null; // compacted away, or only a stub came through replication
  }
}

/**
 * Writes the merged `content` on the winner (unless it says that already) and, with
 * `deleteLosers`, deletes every other leaf, in one request. Returns the winning revision after.
 * The server lets only some users delete (e.g. an annotator cannot on an approved image), so
 * the others' apps leave the losing leaves, merged, for an app that may delete them.
 */
export async function replaceLeaves<T extends SyncDoc>(db: Replica, leaves: ReadonlyArray<Stored<T>>, content: T | null, deleteLosers: boolean): Promise<string> {
  const [winner, ...losers] = leaves;
  const docs: object[] = deleteLosers ? losers.map((leaf) => ({ _id: leaf._id, _rev: leaf._rev, _deleted: true })) : [];
  if (docs.length === 0 && !content) return winner._rev;
  if (content) docs.unshift({ ...content, _id: winner._id, _rev: winner._rev });
  const results = await db.bulkDocs(docs as never);
  const failed = results.find((result) => 'error' in result && result.error);
  if (failed) throw Object.assign(new Error(`${winner._id}: ${(failed as { message?: string }).message ?? 'not written'}`), { status: (failed as { status?: number }).status });
  return content ? (results[0] as { rev: string }).rev : winner._rev;
}

/** Writes a document over `rev` (undefined: a new one); returns its new revision. */
export async function writeDoc<T extends SyncDoc>(db: Replica, doc: T, rev: string | undefined): Promise<string> {
  const result = await db.put({ ...doc, _rev: rev } as never);
  return result.rev;
}

type LocalDoc<T> = { _id: string; _rev?: string; value: T };

async function readLocal<T>(db: Replica, key: string): Promise<LocalDoc<T> | null> {
  try {
    return (await db.get(`_local/${key}`)) as unknown as LocalDoc<T>;
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

async function writeLocal<T>(db: Replica, key: string, value: T): Promise<void> {
  const stored = await readLocal<T>(db, key);
  await db.put({ _id: `_local/${key}`, _rev: stored?._rev, value } as never);
}

/**
 * The base of an image document's next merge: the objects as this browser last merged or wrote
 * them. Usually that is a revision of the document, kept as its id (its body stays in the
 * replica, which is never compacted); a base that no revision holds is kept whole.
 */
type StoredBase = ObjectSet | { rev: string };

export async function readBase(db: Replica, docId: string): Promise<ObjectSet | null> {
  const base = (await readLocal<StoredBase>(db, `base:${docId}`))?.value;
  if (!base || !('rev' in base)) return base ?? null;
  try {
    const doc = (await db.get(docId, { rev: base.rev })) as unknown as ObjectSet;
    return { objects: doc.objects, removed: doc.removed ?? {} };
  } catch {
    return null; // compacted away: the next merge goes without a base (every difference a conflict, nothing lost)
  }
}

export function writeBase(db: Replica, docId: string, base: StoredBase): Promise<void> {
  return writeLocal(db, `base:${docId}`, base);
}

/**
 * Lists this browser keeps per document: `merged` (losing revisions already merged here and
 * left for a reviewer to delete: merged once, not again), `reported` (conflicts already shown).
 */
export async function readList(db: Replica, list: 'merged' | 'reported', docId: string): Promise<string[]> {
  return (await readLocal<string[]>(db, `${list}:${docId}`))?.value ?? [];
}

export function writeList(db: Replica, list: 'merged' | 'reported', docId: string, items: string[]): Promise<void> {
  return writeLocal(db, `${list}:${docId}`, items);
}

/** The replica's sequence up to which the bridge has taken in changes. */
export async function readSeenSeq(db: Replica): Promise<number | string> {
  return (await readLocal<number | string>(db, 'bridge-seq'))?.value ?? 0;
}

export function writeSeenSeq(db: Replica, seq: number | string): Promise<void> {
  return writeLocal(db, 'bridge-seq', seq);
}

/** Ids of the replica's documents of one kind (`image:`, `issue:`, …). */
export async function docIds(db: Replica, prefix: string): Promise<string[]> {
  const result = await db.allDocs({ startkey: prefix, endkey: `${prefix}\uffff` });
  return result.rows.map((row) => row.id);
}
