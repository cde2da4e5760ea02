import { newId } from '../../core/ids';
import { refreshAnchor, type IssueKind, type ReviewIssue } from '../../core/review/issues';
import { canTransition, nextStatus, type ImageStatus, type Role, type StatusAction } from '../../core/review/status';
import { loadIssues, loadSnapshots, readMeta, saveIssues, saveStatus, writeMeta } from '../../io/db';
import type { ImageRecord, SnapshotRecord } from '../../core/project';
import { currentImage, getState, imageById, patchImage, setState, type AppState } from '../store';
import type { AppliedChanges } from './afterChange';
import { notify } from './notices';
import { trackSave } from './saving';
import { announceImagesChanged } from './tabSync';
import { wroteLocally } from './localWrites';

const USER_KEY = 'user';

/** Reads who works here (kept locally); the name and role are asked for once in the toolbar. */
export async function loadUser(): Promise<void> {
  const user = await readMeta<{ name: string; role: Role }>(USER_KEY);
  if (user) setState({ user });
}

export function setUser(name: string, role: Role): void {
  const user = { name: name.trim() || 'annotator', role };
  setState({ user });
  void trackSave(writeMeta(USER_KEY, user), 'your name was not saved');
}

/** The open image's issues and last submission; called when an image is opened. */
export async function loadReview(imageId: string): Promise<void> {
  const [issues, snapshots] = await Promise.all([loadIssues(imageId), loadSnapshots(imageId)]);
  if (getState().currentId !== imageId) return;
  setState({ issues, snapshot: snapshots.at(-1) ?? null, issueDialog: null });
}

/** The image with a new status, the change recorded in its history (who, in which role, when). */
function withStatus(image: ImageRecord, status: ImageStatus): ImageRecord {
  const { name, role } = getState().user;
  return { ...image, status, statusHistory: [...image.statusHistory, { status, by: name, role, at: Date.now() }] };
}

/** Applies a review action to the open image; a submission keeps a snapshot of its objects. */
export async function changeStatus(action: StatusAction): Promise<void> {
  const image = currentImage(getState());
  // Not while the image's objects are still loading: a submission snapshots them.
  if (!image || getState().objectsImageId !== image.id) return;
  const { name, role } = getState().user;
  let status;
  try {
    status = nextStatus(image.status, action, role);
  } catch (error) {
    notify('error', `${image.name}: ${error instanceof Error ? error.message : error}`);
    return;
  }
  const updated = withStatus(image, status);
  const submittedAt = updated.statusHistory[updated.statusHistory.length - 1].at;
  const snapshot: SnapshotRecord | null =
    action === 'submit' ? { imageId: image.id, submittedAt, submittedBy: name, objects: [...getState().objects.values()] } : null;
  patchImage(image.id, updated);
  if (snapshot) setState({ snapshot });
  await trackSave(saveStatus(updated, snapshot).then(announceImagesChanged), `${image.name}: status not saved`);
  wroteLocally(image.id);
}

/**
 * Called before any change to an image's objects (by default the open one's): refuses it when
 * the user may not edit (an annotator on a submitted or approved image), and moves a new or
 * sent-back image to "in progress". Returns whether the change may go ahead.
 */
export function allowEdit(imageId = getState().objectsImageId): boolean {
  const image = imageById(getState(), imageId);
  if (!image) return false;
  if (!mayEdit(imageId)) {
    // Stale once the image is no longer locked for this user, or another image is open.
    const stillLocked = (state: AppState) => state.currentId === image.id && !canTransition(imageById(state, image.id)?.status ?? image.status, 'edit', state.user.role);
    notify('error', `${image.name} is ${image.status}: only a reviewer can change it now`, stillLocked);
    return false;
  }
  const status = nextStatus(image.status, 'edit', getState().user.role);
  if (status !== image.status) {
    const updated = withStatus(image, status);
    patchImage(image.id, updated);
    void trackSave(saveStatus(updated, null).then(announceImagesChanged), `${image.name}: status not saved`).then(() => wroteLocally(image.id));
  }
  return true;
}

/** Whether the user may change an image's objects now (by default the open one's); asked before a drawing starts. */
export function mayEdit(imageId = getState().objectsImageId): boolean {
  const image = imageById(getState(), imageId);
  return !!image && canTransition(image.status, 'edit', getState().user.role);
}

/** After a change to the open image: issues on its changed objects remember where they are now (kept for when one is deleted). */
export function followIssueAnchors({ changes, open }: AppliedChanges): void {
  if (!open) return;
  const changed = new Set(changes.map((change) => change.id));
  const { issues, objects } = getState();
  const moved = issues.map((issue) => (issue.objectId && changed.has(issue.objectId) ? refreshAnchor(issue, objects) : issue));
  const updated = moved.filter((issue, i) => issue !== issues[i]);
  if (updated.length === 0) return;
  setState({ issues: moved });
  void trackSave(saveIssues(updated), 'issue positions not saved').then(() => wroteLocally(updated[0].imageId));
}

/** The click that drops an issue: on an object it is anchored to it, elsewhere to the point. */
export function placeIssue(x: number, y: number, objectId: string | null): void {
  setState({ issueDialog: { x, y, objectId } });
}

export function openIssue(issueId: string): void {
  setState({ issueDialog: { issueId } });
}

export function closeIssueDialog(): void {
  setState({ issueDialog: null });
}

async function storeIssue(issue: ReviewIssue): Promise<void> {
  const { issues } = getState();
  const exists = issues.some((candidate) => candidate.id === issue.id);
  setState({ issues: exists ? issues.map((candidate) => (candidate.id === issue.id ? issue : candidate)) : [...issues, issue] });
  await trackSave(saveIssues([issue]), 'issue not saved');
  wroteLocally(issue.imageId);
}

export async function createIssue(kind: IssueKind, text: string): Promise<void> {
  const draft = getState().issueDialog;
  const image = currentImage(getState());
  if (!draft || 'issueId' in draft || !image) return;
  const { name } = getState().user;
  const at = Date.now();
  const issue: ReviewIssue = {
    id: newId(),
    imageId: image.id,
    kind,
    x: draft.x,
    y: draft.y,
    objectId: draft.objectId,
    status: 'open',
    comments: text.trim() ? [{ author: name, at, text: text.trim() }] : [],
    createdBy: name,
    createdAt: at,
  };
  setState({ issueDialog: { issueId: issue.id } });
  await storeIssue(issue);
}

function findIssue(issueId: string): ReviewIssue | undefined {
  return getState().issues.find((issue) => issue.id === issueId);
}

export async function addComment(issueId: string, text: string): Promise<void> {
  const issue = findIssue(issueId);
  if (!issue || !text.trim()) return;
  await storeIssue({ ...issue, comments: [...issue.comments, { author: getState().user.name, at: Date.now(), text: text.trim() }] });
}

export async function setIssueResolved(issueId: string, resolved: boolean): Promise<void> {
  const issue = findIssue(issueId);
  if (!issue) return;
  const { name } = getState().user;
  await storeIssue(resolved ? { ...issue, status: 'resolved', resolvedBy: name, resolvedAt: Date.now() } : { ...issue, status: 'open', resolvedBy: undefined, resolvedAt: undefined });
}

export function toggleChanges(): void {
  setState({ showChanges: !getState().showChanges });
}

export function toggleNumbers(): void {
  setState({ showNumbers: !getState().showNumbers });
}
