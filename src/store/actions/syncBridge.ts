/**
 * The bridge between the project (IndexedDB, the store) and its local replica (PouchDB), which
 * replicates with the server. Everything is done per image (by content hash), one image at a
 * time, in order: its document, its issues and its submissions are merged with what this
 * browser has, against the base (the objects as this browser last merged or wrote them), and
 * both sides are brought to the result. Local writes (after autosave, a status change, an
 * issue…) and incoming changes (the replica's changes feed) both just queue the image.
 *
 * Incoming objects reach the open image through the change pipeline with source 'remote' (no
 * undo step; undo steps on them dropped); other images are stored directly. Conflicts —
 * CouchDB's `_conflicts` (two machines wrote while apart) and objects both sides changed since
 * the base — keep the later change, set the other aside in the conflict bar and raise a review
 * issue on the object, identically on every machine.
 */
import { labelPoint, type ReviewIssue } from '../../core/review/issues';
import { canTransition } from '../../core/review/status';
import type { AnnotationObject } from '../../core/objects';
import { docKind, imageDocId, imageDocOf, issueDocId, issueDocOf, issueOf, mergeIssue, objectSetOf, sameImageContent, snapshotOf, submissionDocOf, type ImageDoc, type IssueDoc, type SubmissionDoc } from '../../core/sync/docs';
import { mergeImage } from '../../core/sync/imageMerge';
import { canonicalJson, type ObjectConflict, type ObjectSet } from '../../core/sync/mergeObjects';
import { mergeRevisions } from '../../core/sync/revisions';
import { loadIssues, loadObjects, loadSnapshots, saveIssues, saveObjectChanges, saveSnapshot, saveStatus } from '../../io/db';
import { commonAncestor, docIds, readBase, readLeaves, readList, readSeenSeq, replaceLeaves, writeBase, writeDoc, writeList, writeSeenSeq, type Replica, type Stored } from '../../io/sync/replica';
import type { ImageRecord } from '../../core/project';
import { getState, imageById, patchImage, setState, type Conflict } from '../store';
import { flushSaves, isUnsaved } from './autosave';
import { keepConflicts } from './conflicts';
import { onLocalWrite } from './localWrites';
import { ensureContentHash } from './newImages';
import { notify } from './notices';
import { applyObjectChanges } from './objectChanges';
import { announceImagesChanged, announceSaved } from './tabSync';
import { forgetStepsOn } from './undoHistory';

/** Local writes within this time are brought into the replica together. */
const COALESCE_MS = 50;

interface Bridge {
  replica: Replica;
  /** Stops the replica's changes feed. */
  stopFeed: () => void;
}

let bridge: Bridge | null = null;
/** Revisions the bridge wrote itself: their changes are not taken in again. */
const ownRevisions = new Set<string>();
/** Images waiting to be merged, with issue and submission documents that came in for them. */
const waiting = new Map<string, { issues: Set<string>; submissions: Set<string> }>();
/** Images whose server version replaces what this browser wrote (the server refused it). */
const adopting = new Set<string>();
/** Images the server has that this project has not: hash -> name. */
const serverOnly = new Map<string, string>();
let chain: Promise<void> = Promise.resolve();
let timer: ReturnType<typeof setTimeout> | null = null;
/** Merges queued or under way; the bridge is idle (everything taken in) at 0. */
let busy = 0;

const own = (id: string, rev: string) => ownRevisions.add(`${id}@${rev}`);

onLocalWrite((imageId) => {
  if (!bridge) return;
  const hash = imageById(getState(), imageId)?.contentHash;
  if (hash) queueImage(hash);
  else void hashAndQueue(imageId);
});

async function hashAndQueue(imageId: string): Promise<void> {
  const image = imageById(getState(), imageId);
  if (!image) return;
  queueImage(await ensureContentHash(image));
}

/** Starts bridging: every local image and every document already in the replica are merged, then changes as they come. */
export async function startBridge(replica: Replica): Promise<void> {
  stopBridge();
  for (const image of getState().images) await ensureContentHash(image);
  const since = await readSeenSeq(replica);
  const feed = replica.changes({ since, live: true, include_docs: true });
  feed.on('change', (change) => takeIn(change.id, change.changes.map((c) => c.rev), change.doc as unknown as (ImageDoc | IssueDoc | SubmissionDoc) | undefined, change.seq));
  bridge = { replica, stopFeed: () => feed.cancel() };
  for (const id of await docIds(replica, 'image:')) serverOnly.set(id.slice('image:'.length), '');
  for (const image of getState().images) if (image.contentHash) queueImage(image.contentHash);
  for (const hash of serverOnly.keys()) queueImage(hash);
}

export function stopBridge(): void {
  bridge?.stopFeed();
  bridge = null;
  waiting.clear();
  serverOnly.clear();
  setState({ serverOnlyImages: [] });
}

/** Whether every change the replica holds has been taken into the project (and every local one written to the replica). */
export function bridgeIdle(): boolean {
  return busy === 0 && waiting.size === 0;
}

/** The server refused what this browser wrote of a document: its version is to replace ours. */
export function adoptServerVersion(hash: string): void {
  adopting.add(hash);
}

function takeIn(id: string, revs: string[], doc: ImageDoc | IssueDoc | SubmissionDoc | undefined, seq: number | string): void {
  const fromElsewhere = revs.some((rev) => !ownRevisions.has(`${id}@${rev}`));
  const kind = docKind(id);
  if (fromElsewhere && kind && doc && !('_deleted' in doc && doc._deleted)) {
    if (doc.type === 'image') queueImage(doc.hash);
    else if (doc.type === 'issue') queueImage(doc.image, { issue: doc.issue.id });
    else queueImage(doc.image, { submission: id });
  }
  seenSeq = seq;
}

/** The latest sequence taken in; written once per batch (a crash merely takes the batch in again: merges are idempotent). */
let seenSeq: number | string | null = null;
/** Changes to image records (counts, statuses), shown together once per batch: one re-render of the image list, not one per image. */
const patches = new Map<string, Partial<ImageRecord>>();
let imagesChanged = false;

function patchLater(imageId: string, change: Partial<ImageRecord>): void {
  patches.set(imageId, { ...patches.get(imageId), ...change });
}

function afterBatch(): void {
  const replica = bridge?.replica;
  if (replica && seenSeq !== null) void writeSeenSeq(replica, seenSeq).catch(() => {});
  seenSeq = null;
  if (imagesChanged) announceImagesChanged();
  imagesChanged = false;
  if (patches.size === 0) return;
  setState({ images: getState().images.map((image) => (patches.has(image.id) ? { ...image, ...patches.get(image.id) } : image)) });
  patches.clear();
}

/** Queues an image for merging (coalesced: an image waits once, whatever came in for it). */
export function queueImage(hash: string, extra: { issue?: string; submission?: string } = {}): void {
  const entry = waiting.get(hash) ?? { issues: new Set<string>(), submissions: new Set<string>() };
  if (extra.issue) entry.issues.add(extra.issue);
  if (extra.submission) entry.submissions.add(extra.submission);
  waiting.set(hash, entry);
  timer ??= setTimeout(drain, COALESCE_MS);
}

function drain(): void {
  timer = null;
  const batch = [...waiting];
  waiting.clear();
  busy += batch.length;
  for (const [hash, extra] of batch) {
    chain = chain
      .then(() => mergeImageOf(hash, extra))
      .catch((error) => {
        // A write that lost a race with replication (409): merge again with what is there now.
        if ((error as { status?: number }).status === 409) queueImage(hash);
        else notify('error', `Sync: ${describeImage(hash)} could not be merged: ${error instanceof Error ? error.message : error}`);
      })
      .finally(() => {
        busy -= 1;
      });
  }
  chain = chain.then(afterBatch);
}

const describeImage = (hash: string) => getState().images.find((image) => image.contentHash === hash)?.name ?? serverOnly.get(hash) ?? `image ${hash.slice(0, 12)}`;

/** Merges one image: its document's conflicting revisions, then this browser's state with the document. */
async function mergeImageOf(hash: string, extra: { issues: Set<string>; submissions: Set<string> }): Promise<void> {
  const replica = bridge?.replica;
  if (!replica) return;
  const docId = imageDocId(hash);
  const { remote, conflicts } = await resolvedDoc(replica, docId);
  const found = getState().images.find((image) => image.contentHash === hash);
  if (!found) {
    if (remote) serverOnly.set(hash, remote.name);
    showServerOnly();
    return;
  }
  if (serverOnly.delete(hash)) showServerOnly();

  await flushSaves(); // so what storage holds is everything the user did
  const image = imageById(getState(), found.id) ?? found;
  const base = await readBase(replica, docId);
  const objects = await loadObjects(image.id);
  const adopt = adopting.delete(hash);
  const merged = mergeImage({ objects, status: image, remote, base, adopt });
  const skipped = await storeObjects(image, merged.changes, remote?.updatedBy);
  await storeStatus(image, merged.status);
  const allConflicts = [...conflicts, ...merged.conflicts];
  if (allConflicts.length) await reportConflicts(replica, docId, image, allConflicts);
  if (!base && remote) await findReviewDocs(replica, hash, extra); // first merge here: what came before the image did
  await mergeIssues(replica, hash, image, extra.issues);
  await mergeSubmissions(replica, hash, image.id, extra.submissions);

  // An image nobody has annotated or reviewed yet gets no document: connecting a project with
  // fresh images must not write an empty one for each, every one a conflict with the server's.
  if (!remote && merged.set.objects.length === 0 && Object.keys(merged.set.removed).length === 0 && merged.status.statusHistory.length === 0) return;
  const doc = imageDocOf({ ...image, ...merged.status }, hash, merged.set, getState().user.name, Date.now());
  let rev = remote?._rev;
  if (!remote || !sameImageContent(doc, remote)) own(docId, (rev = await writeDoc(replica, doc, remote?._rev)));
  // The revision now holds the merged objects: it is the base, unless objects were skipped.
  await writeBase(replica, docId, skipped.size === 0 && rev ? { rev } : baseAfter(merged.set, base, skipped));
}

/** The document's winning content, its conflicting revisions (if any) merged into one first. */
async function resolvedDoc(replica: Replica, docId: string): Promise<{ remote: Stored<ImageDoc> | null; conflicts: ObjectConflict[] }> {
  const all = await readLeaves<ImageDoc>(replica, docId);
  if (!all) return { remote: null, conflicts: [] };
  const done = await readList(replica, 'merged', docId);
  const leaves = all.filter((leaf, i) => i === 0 || !done.includes(leaf._rev));
  if (leaves.length === 1) return { remote: leaves[0], conflicts: [] };
  const ancestor = await commonAncestor(replica, docId, leaves);
  const merged = mergeRevisions(leaves, ancestor ? objectSetOf(ancestor) : null);
  const content = sameImageContent(merged.doc as ImageDoc, leaves[0]) ? null : (merged.doc as ImageDoc);
  // The server lets a user delete an image revision only where that user may edit (design document).
  const mayDelete = leaves.slice(1).every((leaf) => canTransition(leaf.status, 'edit', getState().user.role));
  const rev = await replaceLeaves(replica, leaves, content, mayDelete);
  if (!mayDelete) await writeList(replica, 'merged', docId, [...done, ...leaves.slice(1).map((leaf) => leaf._rev)]);
  own(docId, rev);
  return { remote: { ...(content ?? leaves[0]), _rev: rev } as Stored<ImageDoc>, conflicts: merged.conflicts };
}

/**
 * Brings the merged objects into storage (compare-and-set on what was read) and, for the open
 * image, onto the screen as remote changes. Objects the user changed meanwhile are skipped
 * (their save comes to the bridge next); returns their ids.
 */
async function storeObjects(image: ImageRecord, changes: ReturnType<typeof mergeImage>['changes'], by: string | undefined): Promise<Set<string>> {
  const skipped = new Set(changes.filter(({ id }) => isUnsaved(image.id, id)).map(({ id }) => id));
  const writes = changes.filter(({ id }) => !skipped.has(id)).map(({ id, before, after }) => ({ id, base: before?.version ?? null, after }));
  if (writes.length === 0) return skipped;
  const outcome = await saveObjectChanges(image.id, writes);
  for (const { write } of outcome.conflicts) skipped.add(write.id);
  announceSaved(image.id, outcome.written, outcome.objectCount);
  const ids = outcome.written.map(({ id }) => id);
  forgetStepsOn(image.id, ids);
  if (getState().objectsImageId === image.id) {
    const shown = getState().objects;
    applyObjectChanges(outcome.written.map(({ id, after }) => ({ id, before: shown.get(id) ?? null, after })), { source: 'remote', history: 'skip', imageId: image.id });
  }
  // The open image's count follows its objects on screen (objectCount.ts); the others take the stored one.
  if (getState().objectsImageId !== image.id) patchLater(image.id, { objectCount: outcome.objectCount });
  if (ids.length && getState().currentId === image.id) {
    notify('info', `${image.name}: ${ids.length === 1 ? 'an object was' : `${ids.length} objects were`} changed${by ? ` by ${by}` : ''} (sync)`);
  }
  return skipped;
}

async function storeStatus(image: ImageRecord, status: Pick<ImageRecord, 'status' | 'statusHistory'>): Promise<void> {
  if (canonicalJson({ status: image.status, statusHistory: image.statusHistory }) === canonicalJson(status)) return;
  const updated = { ...image, ...status };
  // The open image's status is shown at once (it decides what may be edited); the list's in the batch.
  if (getState().currentId === image.id) patchImage(image.id, status);
  else patchLater(image.id, status);
  await saveStatus(updated, null);
  imagesChanged = true;
}

/** The base after a merge: what was merged, except objects skipped for the user's unsaved change, which keep their old base. */
function baseAfter(set: ObjectSet, old: ObjectSet | null, skipped: Set<string>): ObjectSet {
  if (skipped.size === 0) return set;
  const kept = (object: AnnotationObject) => !skipped.has(object.id);
  const removed = { ...set.removed };
  for (const id of skipped) {
    if (old?.removed[id] !== undefined) removed[id] = old.removed[id];
    else delete removed[id];
  }
  return { objects: [...set.objects.filter(kept), ...(old?.objects ?? []).filter((object) => !kept(object))], removed };
}

/**
 * Every object both sides changed: the set-aside version in the conflict bar (restorable), and
 * a review issue on the object. The issue's id and text depend only on the two versions, so
 * the machines that both merge create one issue, not two.
 */
async function reportConflicts(replica: Replica, docId: string, image: ImageRecord, conflicts: ObjectConflict[]): Promise<void> {
  const reported = await readList(replica, 'reported', docId);
  const fresh = conflicts.filter((conflict) => !reported.includes(conflictIssue(image.id, conflict).id));
  if (fresh.length === 0) return;
  await writeList(replica, 'reported', docId, [...reported, ...fresh.map((conflict) => conflictIssue(image.id, conflict).id)]);
  for (const conflict of fresh) {
    const issueId = issueDocId(conflictIssue(image.id, conflict).id);
    if (!(await readLeaves(replica, issueId))) own(issueId, await writeDoc(replica, { ...issueDocOf(conflictIssue(image.id, conflict), hashOf(docId)), conflict: { kept: conflict.kept, setAside: conflict.setAside } }, undefined));
  }
  keepConflicts(fresh.map((conflict): Conflict => ({ imageId: image.id, id: conflict.id, origin: 'sync', setAside: conflict.setAside, stored: conflict.kept })));
  const existing = new Set((await loadIssues(image.id)).map((issue) => issue.id));
  const issues = fresh.map((conflict) => conflictIssue(image.id, conflict)).filter((issue) => !existing.has(issue.id));
  await saveIssues(issues);
  if (getState().currentId === image.id) setState({ issues: [...getState().issues, ...issues] });
  notify('error', `${image.name}: ${fresh.length === 1 ? 'an object was' : `${fresh.length} objects were`} changed on two machines while apart; the later change is shown, the other is kept in the conflict bar`);
}

function conflictIssue(imageId: string, { id, kept, setAside }: ObjectConflict): ReviewIssue {
  const at = Math.max(kept?.updatedAt ?? 0, setAside?.updatedAt ?? 0);
  const where = labelPoint((kept ?? setAside)?.rings ?? []);
  const other = setAside ? `the change by ${setAside.author} (version ${setAside.version})` : 'its deletion on the other machine';
  return {
    id: `conflict-${id}-${kept?.version ?? 0}-${kept?.updatedAt ?? 0}-${setAside?.version ?? 0}-${setAside?.updatedAt ?? 0}`,
    imageId,
    kind: 'comment',
    x: Number.isFinite(where.x) ? where.x : 0,
    y: Number.isFinite(where.y) ? where.y : 0,
    objectId: id,
    status: 'open',
    comments: [{ author: 'sync', at, text: `Changed on two machines while apart: the later change${kept ? ` by ${kept.author}` : ''} is kept; ${other} was set aside and can be restored from the conflict bar.` }],
    createdBy: 'sync',
    createdAt: at,
  };
}

const hashOf = (imageDocId: string) => imageDocId.slice('image:'.length);

/**
 * The replica's issues and submissions of an image this project has just got (its file added
 * after they came in, when there was no image to give them to). Submissions are named by the
 * hash; issues are looked through, once per image.
 */
async function findReviewDocs(replica: Replica, hash: string, extra: { issues: Set<string>; submissions: Set<string> }): Promise<void> {
  for (const id of await docIds(replica, `submission:${hash}:`)) extra.submissions.add(id);
  const issues = await replica.allDocs({ startkey: 'issue:', endkey: 'issue:\uffff', include_docs: true });
  for (const row of issues.rows) if ((row.doc as IssueDoc | undefined)?.image === hash) extra.issues.add(row.id.slice('issue:'.length));
}

/** A conflict issue from another machine: its conflict joins the bar here too (once). */
async function takeInConflict(replica: Replica, image: ImageRecord, doc: IssueDoc): Promise<void> {
  if (!doc.conflict || !doc.issue.objectId) return;
  const docId = imageDocId(doc.image);
  const reported = await readList(replica, 'reported', docId);
  if (reported.includes(doc.issue.id)) return;
  await writeList(replica, 'reported', docId, [...reported, doc.issue.id]);
  keepConflicts([{ imageId: image.id, id: doc.issue.objectId, origin: 'sync', stored: doc.conflict.kept, setAside: doc.conflict.setAside }]);
  notify('error', `${image.name}: an object was changed on two machines while apart; the later change is shown, the other is kept in the conflict bar`);
}

/** The image's issues here and in the replica, merged (comments of both kept) and written where they differ. */
async function mergeIssues(replica: Replica, hash: string, image: ImageRecord, incoming: Set<string>): Promise<void> {
  const imageId = image.id;
  const local = new Map((await loadIssues(imageId)).map((issue) => [issue.id, issue]));
  if (local.size === 0 && incoming.size === 0) return;
  const changedHere: ReviewIssue[] = [];
  for (const issueId of new Set([...local.keys(), ...incoming])) {
    const docId = issueDocId(issueId);
    const leaves = await readLeaves<IssueDoc>(replica, docId);
    let remote = leaves?.[0] ?? null;
    if (leaves && leaves.length > 1) {
      const issue = leaves.map((leaf) => leaf.issue).reduce((a, b) => mergeIssue(a, b));
      const content = canonicalJson(issue) === canonicalJson(leaves[0].issue) ? null : { ...leaves[0], issue };
      // Only a reviewer may delete an issue revision (the server's rule); an annotator's app leaves the losers to one.
      const rev = await replaceLeaves(replica, leaves, content, getState().user.role === 'reviewer');
      own(docId, rev);
      remote = { ...(content ?? leaves[0]), _rev: rev };
    }
    if (remote) await takeInConflict(replica, image, remote);
    const mine = local.get(issueId);
    const merged = mine && remote ? mergeIssue(mine, issueOf(remote, imageId)) : (mine ?? (remote && issueOf(remote, imageId)));
    if (!merged) continue;
    if (!mine || canonicalJson(mine) !== canonicalJson(merged)) changedHere.push(merged);
    // Written over what the document has, so a conflict's two versions stay with it.
    const doc = { ...remote, ...issueDocOf(merged, hash) };
    if (!remote || canonicalJson(remote.issue) !== canonicalJson(doc.issue)) own(docId, await writeDoc(replica, doc, remote?._rev));
  }
  if (changedHere.length === 0) return;
  await saveIssues(changedHere);
  if (getState().currentId !== imageId) return;
  const shown = new Map(getState().issues.map((issue) => [issue.id, issue]));
  for (const issue of changedHere) shown.set(issue.id, issue);
  setState({ issues: [...shown.values()] });
}

/** Submissions are written once: each side gets the ones it lacks. */
async function mergeSubmissions(replica: Replica, hash: string, imageId: string, incoming: Set<string>): Promise<void> {
  const local = await loadSnapshots(imageId);
  if (local.length === 0 && incoming.size === 0) return;
  const localIds = new Set(local.map((snapshot) => submissionDocOf(snapshot, hash)._id));
  const result = await replica.allDocs({ keys: [...localIds], include_docs: false });
  const missing = result.rows.filter((row) => 'error' in row || (row as { value?: { deleted?: boolean } }).value?.deleted).map((row) => row.key);
  for (const snapshot of local) {
    const doc = submissionDocOf(snapshot, hash);
    if (missing.includes(doc._id)) own(doc._id, await writeDoc(replica, doc, undefined));
  }
  let latest = null;
  for (const id of incoming) {
    if (localIds.has(id)) continue;
    const doc = (await replica.get(id)) as unknown as SubmissionDoc;
    const snapshot = snapshotOf(doc, imageId);
    await saveSnapshot(snapshot);
    latest = snapshot;
  }
  if (latest && getState().currentId === imageId) setState({ snapshot: (await loadSnapshots(imageId)).at(-1) ?? null });
}

function showServerOnly(): void {
  const names = [...serverOnly.values()].filter(Boolean).sort();
  setState({ serverOnlyImages: names });
}
