import { anchorIssues } from '../../core/review/issues';
import { getState } from '../store';
import { openImage } from './project';
import { openIssue } from './review';
import { centreOnPoint } from './view';

/** The next image (after the open one, wrapping round) whose status is "submitted". */
export async function nextImageNeedingReview(): Promise<boolean> {
  const { images, currentId } = getState();
  const start = images.findIndex((image) => image.id === currentId);
  const ordered = [...images.slice(start + 1), ...images.slice(0, start + 1)];
  const next = ordered.find((image) => image.status === 'submitted' && image.id !== currentId);
  if (next) await openImage(next.id);
  return !!next;
}

/** Centres the view on an issue and opens its thread. */
export function goToIssue(issueId: string): void {
  const issue = getState().issues.find((candidate) => candidate.id === issueId);
  if (!issue) return;
  const [anchored] = anchorIssues([issue], getState().objects);
  centreOnPoint(anchored.x, anchored.y);
  openIssue(issueId);
}

/** The next open issue of the open image (in the order they were raised), wrapping round. */
export function nextOpenIssue(): void {
  const { issues, issueDialog } = getState();
  const open = issues.filter((issue) => issue.status === 'open').sort((a, b) => a.createdAt - b.createdAt);
  if (open.length === 0) return;
  const current = issueDialog && 'issueId' in issueDialog ? open.findIndex((issue) => issue.id === issueDialog.issueId) : -1;
  goToIssue(open[(current + 1) % open.length].id);
}
