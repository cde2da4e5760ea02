/**
 * The documents a project keeps in its CouchDB database (one database per project), and the
 * mapping between them and the app's records. The server's validate_doc_update checks exactly
 * these shapes (core/sync/designDoc.ts). Images are named by the SHA-256 of their original
 * file, so two browsers that brought in the same file share one document whatever its name.
 *
 * - `image:<hash>`: the image's status (+ history) and all its objects, with tombstones of
 *   deleted ones: the server sees an object change and the status it is made at in one write.
 * - `issue:<issueId>`: a review issue on the image `image`.
 * - `submission:<hash>:<submittedAt>`: the objects as submitted; written once, never changed.
 */
import type { AnnotationObject } from '../objects';
import type { ImageRecord, SnapshotRecord, StatusChange } from '../project';
import { lastActivity, type ReviewIssue } from '../review/issues';
import type { ImageStatus } from '../review/status';
import { canonicalJson, type ObjectSet } from './mergeObjects';

export interface ImageDoc {
  _id: string;
  _rev?: string;
  type: 'image';
  hash: string;
  name: string;
  width: number;
  height: number;
  split?: string;
  status: ImageStatus;
  statusHistory: StatusChange[];
  /** Sorted by id, so equal sets are equal documents. */
  objects: AnnotationObject[];
  /** Tombstones: object id -> the version it was deleted at. */
  removed: Record<string, number>;
  /** Milliseconds since the epoch, and who wrote this revision (informative; merges never read them). */
  updatedAt: number;
  updatedBy: string;
}

export interface IssueDoc {
  _id: string;
  _rev?: string;
  type: 'issue';
  image: string;
  issue: Omit<ReviewIssue, 'imageId'>;
  /**
   * On the issue a sync conflict raises: the version kept and the one set aside, so that every
   * machine (not only the one that merged) can show the conflict and restore either.
   */
  conflict?: { kept: AnnotationObject | null; setAside: AnnotationObject | null };
}

export interface SubmissionDoc {
  _id: string;
  _rev?: string;
  type: 'submission';
  image: string;
  submittedAt: number;
  submittedBy: string;
  objects: AnnotationObject[];
}

export type SyncDoc = ImageDoc | IssueDoc | SubmissionDoc;

export const imageDocId = (hash: string) => `image:${hash}`;
export const issueDocId = (issueId: string) => `issue:${issueId}`;
export const submissionDocId = (hash: string, submittedAt: number) => `submission:${hash}:${submittedAt}`;

/** The kind of a document by its id (design documents and others: null, not the app's). */
export function docKind(id: string): SyncDoc['type'] | null {
  const kind = id.slice(0, id.indexOf(':'));
  return kind === 'image' || kind === 'issue' || kind === 'submission' ? kind : null;
}

/** What an image's document says, from the image record (with its hash) and its object set. */
export function imageDocOf(image: ImageRecord, hash: string, set: ObjectSet, by: string, at: number): ImageDoc {
  return {
    _id: imageDocId(hash),
    type: 'image',
    hash,
    name: image.name,
    width: image.width,
    height: image.height,
    ...(image.split === undefined ? {} : { split: image.split }),
    status: image.status,
    statusHistory: image.statusHistory,
    objects: [...set.objects].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    removed: set.removed,
    updatedAt: at,
    updatedBy: by,
  };
}

export const objectSetOf = (doc: Pick<ImageDoc, 'objects' | 'removed'>): ObjectSet => ({ objects: doc.objects, removed: doc.removed ?? {} });

/** Whether two image documents say the same (revision and who wrote it last aside). */
export function sameImageContent(a: ImageDoc, b: ImageDoc): boolean {
  const content = ({ _rev: _r, updatedAt: _a, updatedBy: _b, ...rest }: ImageDoc) => canonicalJson(rest);
  return content(a) === content(b);
}

const changeKey = (change: StatusChange) => `${change.at}|${change.status}|${change.by}|${change.role}`;

/**
 * Two status histories as one: every change either side recorded, oldest first (ties by
 * content, so both machines order them alike); the status is the latest change's. Symmetric.
 */
export function mergeStatus(a: Pick<ImageRecord, 'status' | 'statusHistory'>, b: Pick<ImageRecord, 'status' | 'statusHistory'>): Pick<ImageRecord, 'status' | 'statusHistory'> {
  const byKey = new Map([...a.statusHistory, ...b.statusHistory].map((change) => [changeKey(change), change]));
  const statusHistory = [...byKey.values()].sort((x, y) => x.at - y.at || (changeKey(x) < changeKey(y) ? -1 : 1));
  const fallback = a.statusHistory.length >= b.statusHistory.length ? a.status : b.status;
  return { status: statusHistory.at(-1)?.status ?? fallback, statusHistory };
}

/** Milliseconds of an issue's last event (raised, commented on, resolved). */

/**
 * One issue edited in two places: every comment either side wrote, and open/resolved and the
 * anchor from the side with the latest activity (ties by content). Symmetric, so both sides agree.
 */
export function mergeIssue<T extends Omit<ReviewIssue, 'imageId'>>(a: T, b: T): T {
  const key = (comment: ReviewIssue['comments'][number]) => `${comment.at}|${comment.author}|${comment.text}`;
  const comments = [...new Map([...a.comments, ...b.comments].map((comment) => [key(comment), comment])).values()].sort((x, y) => x.at - y.at || (key(x) < key(y) ? -1 : 1));
  const [activityA, activityB] = [lastActivity(a), lastActivity(b)];
  const newer = activityA !== activityB ? (activityA > activityB ? a : b) : canonicalJson(a) >= canonicalJson(b) ? a : b;
  return { ...newer, comments };
}

export function issueDocOf(issue: ReviewIssue, hash: string): IssueDoc {
  const { imageId: _image, ...rest } = issue;
  return { _id: issueDocId(issue.id), type: 'issue', image: hash, issue: rest };
}

export function issueOf(doc: IssueDoc, imageId: string): ReviewIssue {
  return { ...doc.issue, imageId };
}

export function submissionDocOf(snapshot: SnapshotRecord, hash: string): SubmissionDoc {
  return { _id: submissionDocId(hash, snapshot.submittedAt), type: 'submission', image: hash, submittedAt: snapshot.submittedAt, submittedBy: snapshot.submittedBy, objects: snapshot.objects };
}

export function snapshotOf(doc: SubmissionDoc, imageId: string): SnapshotRecord {
  return { imageId, submittedAt: doc.submittedAt, submittedBy: doc.submittedBy, objects: doc.objects };
}
