import { dismissNotice } from '../store/actions/notices';
import { useAppStore } from '../store/store';

/** Errors stay until dismissed (the user must be able to read which file failed and why). */
export function Notices() {
  const notices = useAppStore((state) => state.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span className="notice-text">{notice.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismissNotice(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
