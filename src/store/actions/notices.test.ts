import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getState, initialState, setState } from '../store';
import { dismissNotice, INFO_NOTICE_MS, notify, toggleNoticeLog } from './notices';

beforeEach(() => {
  vi.useFakeTimers();
  setState({ ...initialState });
});
afterEach(() => vi.useRealTimers());

describe('notices', () => {
  it('collapse repeats into one with a count, and log them', () => {
    notify('error', 'a.png: broken');
    notify('error', 'a.png: broken');
    notify('info', 'a.png: broken'); // another kind is another notice
    expect(getState().notices.map((n) => [n.kind, n.count])).toEqual([['error', 2], ['info', 1]]);
    expect(getState().noticeLog.map((n) => [n.kind, n.count])).toEqual([['info', 1], ['error', 2]]);
  });

  it('let information go after a few seconds and keep errors until dismissed, which the log still lists', () => {
    notify('info', '3 objects added');
    notify('error', 'b.png: truncated');
    vi.advanceTimersByTime(INFO_NOTICE_MS - 10);
    notify('info', '3 objects added'); // a repeat shows for its full time again
    vi.advanceTimersByTime(INFO_NOTICE_MS - 10);
    expect(getState().notices.map((n) => n.text)).toEqual(['3 objects added', 'b.png: truncated']);
    vi.advanceTimersByTime(20);
    expect(getState().notices.map((n) => n.text)).toEqual(['b.png: truncated']);
    vi.advanceTimersByTime(60_000);
    dismissNotice(getState().notices[0].id);
    expect(getState().notices).toEqual([]);
    expect(getState().noticeLog.map((n) => n.text)).toEqual(['3 objects added', 'b.png: truncated']); // newest first: the repeat came last
    toggleNoticeLog();
    expect(getState().noticeLogOpen).toBe(true);
  });

  it('clear themselves once a later state makes them stale', () => {
    notify('error', 'x is submitted: only a reviewer can change it now', (state) => state.user.role !== 'reviewer');
    expect(getState().notices).toHaveLength(1);
    setState({ user: { name: 'Rev', role: 'reviewer' } });
    expect(getState().notices).toHaveLength(0);
  });
});
