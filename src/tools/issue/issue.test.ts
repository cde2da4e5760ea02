import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReviewIssue } from '../../core/review/issues';
import { pinCentre } from '../../core/review/pins';
import { getState, setState } from '../../store/store';
import { startDrawing, togglePlacingIssue } from '..';
import { startHarness, type Harness } from '../testing/harness';

vi.mock('../../io/db', () => import('../../io/testing/noStorage'));

let t: Harness;
beforeEach(() => {
  t = startHarness();
});

describe('issue.placing', () => {
  it('drops an issue at the clicked point and returns to the mode it came from', () => {
    togglePlacingIssue();
    t.expectState('issue.placing');
    t.click(40, 50);
    t.expectState('select.idle');
    expect(getState().issueDialog).toEqual({ x: 40, y: 50, objectId: null });
  });

  it('anchors the issue to the object under the click', () => {
    startDrawing();
    for (const [x, y] of [[10, 10], [30, 10], [30, 30]]) t.click(x, y);
    t.key('Enter');
    togglePlacingIssue();
    t.click(25, 15);
    t.expectState('draw.idle');
    expect(getState().issueDialog).toEqual({ x: 25, y: 15, objectId: t.objects()[0].id });
  });

  it('stops on Esc or when toggled again, and is not started in the middle of a gesture', () => {
    togglePlacingIssue();
    t.escape();
    t.expectState('select.idle');
    togglePlacingIssue();
    togglePlacingIssue();
    t.expectState('select.idle');
    startDrawing();
    t.click(10, 10);
    togglePlacingIssue();
    t.expectState('draw.drawing');
    expect(getState().issueDialog).toBeNull();
  });
});

describe('issue pins', () => {
  it('open their thread on a click, in select and in draw mode, instead of what the click would do', () => {
    const issue = { id: 'i1', imageId: getState().currentId, kind: 'comment', x: 50, y: 50, objectId: null, status: 'open', comments: [], createdBy: 'a', createdAt: 1 } as unknown as ReviewIssue;
    setState({ issues: [issue] });
    const pin = pinCentre(50, 50, 2);
    t.click(pin.x, pin.y);
    expect(getState().issueDialog).toEqual({ issueId: 'i1' });
    setState({ issueDialog: null });
    startDrawing();
    t.click(pin.x, pin.y);
    t.expectState('draw.idle');
    expect(getState().issueDialog).toEqual({ issueId: 'i1' });
  });
});
