import { toggleNoticeLog } from '../store/actions/notices';
import { useAppStore } from '../store/store';

/** The status bar's button to the recent notices, and the list it opens. */
export function NoticeLog() {
  const log = useAppStore((state) => state.noticeLog);
  const open = useAppStore((state) => state.noticeLogOpen);
  const errors = log.filter((entry) => entry.kind === 'error').length;
  return (
    <span className="notice-log-anchor">
      <button type="button" className="link-button" onClick={toggleNoticeLog} disabled={log.length === 0} aria-expanded={open} title="Recent notices">
        Notices {log.length > 0 && `(${log.length}${errors ? `, ${errors} error${errors > 1 ? 's' : ''}` : ''})`}
      </button>
      {open && (
        <ol className="notice-log" aria-label="Recent notices" data-testid="notice-log">
          {log.map((entry) => (
            <li key={entry.id} className={`notice-log-${entry.kind}`}>
              <time>{new Date(entry.at).toLocaleTimeString()}</time> {entry.text}
              {entry.count > 1 && ` (×${entry.count})`}
            </li>
          ))}
        </ol>
      )}
    </span>
  );
}
