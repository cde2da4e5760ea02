import { getState, setState, type Notice } from '../store';

let nextNoticeId = 1;

export function notify(kind: Notice['kind'], text: string): void {
  setState({ notices: [...getState().notices, { id: nextNoticeId++, kind, text }] });
}

export function dismissNotice(id: number): void {
  setState({ notices: getState().notices.filter((notice) => notice.id !== id) });
}

/** Message for anything thrown while handling `fileName`, naming the file once. */
export function describeFailure(fileName: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith(`${fileName}:`) ? message : `${fileName}: ${message}`;
}
