import { useState } from 'react';
import { ISSUE_KINDS, issueKindLabel, type IssueKind } from '../core/review/issues';
import { addComment, closeIssueDialog, createIssue, setIssueResolved } from '../store/actions/review';
import { useAppStore } from '../store/store';
import { Modal } from './Modal';

/** A new issue (pick its kind, comment) or an existing one (its thread, reply, resolve / reopen). */
export function IssueDialog() {
  const dialog = useAppStore((state) => state.issueDialog);
  const issue = useAppStore((state) => (state.issueDialog && 'issueId' in state.issueDialog ? state.issues.find((i) => i.id === (state.issueDialog as { issueId: string }).issueId) : undefined));
  const objectPresent = useAppStore((state) => !issue?.objectId || state.objects.has(issue.objectId));
  const [text, setText] = useState('');
  if (!dialog) return null;

  if (!('issueId' in dialog)) {
    const raise = (kind: IssueKind) => {
      void createIssue(kind, text);
      setText('');
    };
    return (
      <Modal title={dialog.objectId ? 'Issue on this object' : 'Issue at this point'} onClose={closeIssueDialog} testId="issue-dialog">
        <textarea aria-label="Comment" placeholder="Comment (optional)" value={text} onChange={(event) => setText(event.target.value)} />
        <div className="issue-kinds">
          {ISSUE_KINDS.map(({ kind, label }) => (
            <button key={kind} type="button" onClick={() => raise(kind)}>
              {label}
            </button>
          ))}
        </div>
      </Modal>
    );
  }
  if (!issue) return null;
  const reply = () => {
    void addComment(issue.id, text);
    setText('');
  };
  return (
    <Modal title={issueKindLabel(issue.kind)} onClose={closeIssueDialog} testId="issue-dialog">
      <p className="hint">
        {issue.objectId ? (objectPresent ? 'On an object' : 'On an object that has been deleted') : 'At a point'} · raised by {issue.createdBy} ·{' '}
        <span data-testid="issue-state">{issue.status}</span>
      </p>
      <ol className="thread">
        {issue.comments.map((comment) => (
          <li key={comment.at + comment.author}>
            <strong>{comment.author}</strong> <span className="hint">{new Date(comment.at).toLocaleString()}</span>
            <div>{comment.text}</div>
          </li>
        ))}
      </ol>
      <textarea aria-label="Reply" placeholder="Reply" value={text} onChange={(event) => setText(event.target.value)} />
      <div className="modal-buttons">
        <button type="button" disabled={!text.trim()} onClick={reply}>
          Reply
        </button>
        <button type="button" onClick={() => void setIssueResolved(issue.id, issue.status === 'open')}>
          {issue.status === 'open' ? 'Resolve' : 'Reopen'}
        </button>
        <button type="button" onClick={closeIssueDialog}>
          Close
        </button>
      </div>
    </Modal>
  );
}
