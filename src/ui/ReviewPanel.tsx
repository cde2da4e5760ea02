import { useMemo } from 'react';
import { compareObjects } from '../core/review/changes';
import { issueKindLabel } from '../core/review/issues';
import { canTransition, type StatusAction } from '../core/review/status';
import { changeStatus, toggleChanges, toggleNumbers } from '../store/actions/review';
import { goToIssue } from '../store/actions/reviewNavigation';
import { currentImage, useAppStore } from '../store/store';
import { ActionButton } from './ActionButton';

const ACTIONS: { action: StatusAction; label: string }[] = [
  { action: 'submit', label: 'Submit for review' },
  { action: 'approve', label: 'Approve' },
  { action: 'request changes', label: 'Request changes' },
  { action: 'reopen', label: 'Reopen' },
];

/** Status and review actions of the open image, the change view, and its issues. */
export function ReviewPanel() {
  const image = useAppStore(currentImage);
  const role = useAppStore((state) => state.user.role);
  const issues = useAppStore((state) => state.issues);
  const snapshot = useAppStore((state) => state.snapshot);
  const objects = useAppStore((state) => state.objects);
  const showChanges = useAppStore((state) => state.showChanges);
  const showNumbers = useAppStore((state) => state.showNumbers);
  const placing = useAppStore((state) => state.toolPath === 'issue.placing');
  const changes = useMemo(() => (snapshot ? compareObjects(snapshot.objects, [...objects.values()]) : null), [snapshot, objects]);
  if (!image) return null;
  const openIssues = issues.filter((issue) => issue.status === 'open');
  return (
    <section className="panel" aria-label="Review">
      <h2>
        Review <span className={`status-badge status-${image.status.replace(' ', '-')}`} data-testid="image-status">{image.status}</span>
      </h2>
      <div className="panel-buttons">
        {ACTIONS.filter(({ action }) => canTransition(image.status, action, role)).map(({ action, label }) => (
          <button key={action} type="button" onClick={() => void changeStatus(action)}>
            {label}
          </button>
        ))}
        {role === 'reviewer' && <ActionButton id="next-review" />}
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={showNumbers} onChange={toggleNumbers} /> Object numbers (O)
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={showChanges} disabled={!snapshot} onChange={toggleChanges} /> Changes since submission (C)
      </label>
      {showChanges && changes && (
        <div className="change-counts" data-testid="change-counts">
          <span className="added">{changes.added.length} added</span> · <span className="removed">{changes.removed.length} removed</span> ·{' '}
          <span className="reshaped">{changes.reshaped.length} reshaped</span>
        </div>
      )}
      <div className="issues-head">
        <strong>
          Issues <span data-testid="open-issue-count">{openIssues.length}</span> open
        </strong>
        <ActionButton id="issue">{placing ? 'Click the image…' : undefined}</ActionButton>
        <ActionButton id="next-issue" />
      </div>
      <ul className="issue-list" aria-label="Issues">
        {issues.map((issue) => (
          <li key={issue.id} data-testid="issue-row" className={issue.status} onClick={() => goToIssue(issue.id)}>
            <span>{issueKindLabel(issue.kind)}</span>
            <span className="issue-meta">
              {issue.status} · {issue.comments.length} comment{issue.comments.length === 1 ? '' : 's'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
