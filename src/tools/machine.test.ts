import { describe, expect, it, vi } from 'vitest';
import { getState, setState, useAppStore } from '../store/store';
import { startBrush, startCut, startDrawing, startOneClick, stopDrawing, togglePlacingIssue } from '.';
import { registeredPaths, transition } from './machine';
import { startHarness } from './testing/harness';

vi.mock('../io/db', () => import('../io/testing/noStorage'));

describe('the interaction state machine', () => {
  it('reaches every registered state through user input alone', () => {
    const visited = new Set<string>();
    const unsubscribe = useAppStore.subscribe((state) => visited.add(state.toolPath));
    const t = startHarness();
    startDrawing(); // draw.idle
    for (const [x, y] of [[10, 10], [30, 10], [30, 30], [10, 30]]) t.click(x, y); // draw.drawing
    t.key('Enter');
    t.escape(); // select.idle
    t.click(20, 20); // select.pointing, selected
    t.drag([[20, 20], [22, 22]]); // select.translating
    t.drag([[12, 12], [14, 14]]); // select.draggingVertex
    t.click(22, 13); // select.inserting (midpoint of the top edge)
    t.click(12, 12, { shift: true }); // draw.redrawing
    t.escape();
    togglePlacingIssue(); // issue.placing
    t.escape();
    startOneClick(); // assist.idle
    t.escape();
    t.drag([[60, 60], [70, 70]]); // select.boxing, on empty image
    startBrush(false); // brush.idle
    t.drag([[40, 40], [45, 45]]); // brush.painting
    t.escape();
    t.click(20, 20);
    startCut(); // cut.drawing
    t.escape();
    unsubscribe();
    expect([...visited].sort()).toEqual(registeredPaths().sort());
  });

  it('ends a gesture on another image (the mode stays), clearing what it showed', () => {
    const t = startHarness();
    startDrawing();
    for (const [x, y] of [[10, 10], [30, 10], [30, 30]]) t.click(x, y);
    t.key('Enter');
    t.escape();
    t.press(20, 15);
    t.move(40, 40);
    t.expectState('select.translating');
    expect(getState().preview).not.toBeNull();
    setState({ currentId: 'next image' });
    t.expectState('select.idle');
    expect(getState().preview).toBeNull();
  });

  it('"Select" leaves drawing and drops the outline', () => {
    const t = startHarness();
    startDrawing();
    t.click(10, 10);
    t.click(20, 10);
    stopDrawing();
    t.expectState('select.idle');
    expect(getState().draft).toBeNull();
    expect(t.objects()).toHaveLength(0);
  });

  it('refuses to redraw an object that is gone, and names unknown states', () => {
    startHarness();
    expect(transition('draw.redrawing', { objectId: 'missing', ring: 0, from: 0 })).toBe(false);
    expect(getState().toolPath).toBe('select.idle');
    expect(() => transition('no.such' as never)).toThrow('unknown interaction state "no.such"');
  });
});
