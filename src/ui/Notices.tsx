import { dismissNotice } from '../store/actions/notices';
import { useAppStore } from '../store/store';

/** At most this many notices show at once (the newest); the log holds all recent ones. */
const MAX_SHOWN = 4;

/**
 * Errors stay until dismissed (the user must be able to read which file failed and why);
 * information goes after a few seconds; repeats show once with a count.
 */
export function Notices() {
  const notices = useAppStore((state) => state.notices);
  if (notices.length === 0) return null;
  const shown = notices.slice(-MAX_SHOWN);
  const hidden = notices.length - shown.length;
  return (
    <div className="notices" aria-live="polite">
      {hidden > 0 && <div className="notice notice-more">{hidden} more in the notice log (status bar)</div>}
      {shown.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
          <span className="notice-text">{notice.text}</span>
          {notice.count > 1 && (
            <span className="notice-count" title="Times this happened" data-testid="notice-count">
              ×{notice.count}
            </span>
          )}
          {notice.action && (
            <button
              type="button"
              onClick={() => {
                dismissNotice(notice.id);
                notice.action!.run();
              }}
            >
              {notice.action.label}
            </button>
          )}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismissNotice(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
