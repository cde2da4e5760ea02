import { getState, setState, useAppStore, type Notice } from '../store';

/** Information notices go after this long; errors stay until dismissed. */
export const INFO_NOTICE_MS = 6000;
/** Notices kept in the log. */
const LOG_LENGTH = 50;

let nextNoticeId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

/**
 * Tells the user something. The same text and kind as a notice still showing is not repeated:
 * that notice counts it and shows again for its full time. `stillTrue`, when given, is checked
 * on every change of the store: once it is false the notice is stale and goes by itself.
 * `action` puts a button on it.
 */
export function notify(kind: Notice['kind'], text: string, stillTrue?: Notice['stillTrue'], action?: Notice['action']): void {
  const { notices, noticeLog } = getState();
  const same = notices.find((notice) => notice.kind === kind && notice.text === text);
  const notice: Notice = same ? { ...same, count: same.count + 1, at: Date.now() } : { id: nextNoticeId++, kind, text, count: 1, at: Date.now(), stillTrue, action };
  const logged = { id: notice.id, kind, text, count: notice.count, at: notice.at };
  setState({
    notices: same ? notices.map((candidate) => (candidate === same ? notice : candidate)) : [...notices, notice],
    noticeLog: [logged, ...noticeLog.filter((entry) => entry.id !== notice.id)].slice(0, LOG_LENGTH),
  });
  if (kind === 'info') {
    clearTimeout(timers.get(notice.id));
    timers.set(notice.id, setTimeout(() => dismissNotice(notice.id), INFO_NOTICE_MS));
  }
}

export function dismissNotice(id: number): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
  if (getState().notices.some((notice) => notice.id === id)) setState({ notices: getState().notices.filter((notice) => notice.id !== id) });
}

export function toggleNoticeLog(): void {
  setState({ noticeLogOpen: !getState().noticeLog.length ? false : !getState().noticeLogOpen });
}

/** Message for anything thrown while handling `fileName`, naming the file once. */
export function describeFailure(fileName: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith(`${fileName}:`) ? message : `${fileName}: ${message}`;
}

// Notices made stale by a later state (the image was approved meanwhile, the user became a reviewer) clear themselves.
useAppStore.subscribe((state) => {
  const stale = state.notices.filter((notice) => notice.stillTrue && !notice.stillTrue(state));
  for (const notice of stale) dismissNotice(notice.id);
});
