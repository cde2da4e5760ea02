import { beforeEach, describe, expect, it, vi } from 'vitest';
import { redo, undo } from '../../store/actions/annotations';
import { UNDO_DEPTH } from '../../store/actions/undoHistory';
import { getState, setState } from '../../store/store';
import { startDrawing } from '..';
import { startHarness, type Harness } from '../testing/harness';

vi.mock('../../io/db', () => import('../../io/testing/noStorage'));

const SQUARE = [10, 10, 30, 10, 30, 30, 10, 30];
let t: Harness;
let id: string;

beforeEach(() => {
  t = startHarness();
  startDrawing();
  for (let i = 0; i < SQUARE.length; i += 2) t.click(SQUARE[i], SQUARE[i + 1]);
  t.key('Enter');
  t.escape();
  t.expectState('select.idle');
  id = t.objects()[0].id;
});

const rings = () => t.object(id).rings[0];

describe('select.idle and select.pointing', () => {
  it('selects the topmost object under a click, and clears the selection on a click elsewhere or Esc', () => {
    t.press(20, 20);
    t.expectState('select.pointing');
    t.release();
    t.expectState('select.idle');
    expect(getState().selectedId).toBe(id);
    t.click(60, 60);
    expect(getState().selectedId).toBeNull();
    t.click(20, 20);
    t.escape();
    expect(getState().selectedId).toBeNull();
  });

  it('does not start a move below the drag threshold (3 screen pixels)', () => {
    t.press(20, 20);
    t.move(21, 20); // 2 screen pixels
    t.expectState('select.pointing');
    t.release();
    expect(rings()).toEqual(SQUARE);
  });
});

describe('select.translating', () => {
  it('moves the whole object when dragged, inside the image, as one undo step', () => {
    t.press(20, 20);
    t.move(25, 22);
    t.expectState('select.translating');
    expect(getState().preview?.get(id)?.[0]).toEqual([15, 12, 35, 12, 35, 32, 15, 32]);
    expect(rings()).toEqual(SQUARE); // live only as preview
    t.move(200, 22); // far past the right edge: stops at the border
    t.release();
    t.expectState('select.idle');
    expect(getState().preview).toBeNull();
    expect(rings()).toEqual([80, 12, 100, 12, 100, 32, 80, 32]);
    expect(t.object(id).version).toBe(2);
    undo();
    expect(rings()).toEqual(SQUARE);
    expect(t.object(id).version).toBe(3); // undo is a change too
  });

  it('puts the object back on Esc', () => {
    t.press(20, 20);
    t.move(30, 30);
    t.escape();
    t.expectState('select.idle');
    t.release();
    expect(rings()).toEqual(SQUARE);
    expect(getState().preview).toBeNull();
  });

  it('does not move a locked object', () => {
    setState({ objects: new Map([[id, { ...t.object(id), locked: true }]]) });
    t.drag([[20, 20], [40, 40]]);
    expect(rings()).toEqual(SQUARE);
    expect(getState().selectedId).toBe(id);
  });
});

describe('select.draggingVertex and select.inserting', () => {
  beforeEach(() => t.click(20, 20));

  it('drags a vertex as one undo step, redoable', () => {
    t.press(30, 10);
    t.expectState('select.draggingVertex');
    t.move(35, 5);
    t.move(40, 2);
    expect(rings()).toEqual(SQUARE);
    t.release();
    t.expectState('select.idle');
    expect(rings()).toEqual([10, 10, 40, 2, 30, 30, 10, 30]);
    undo();
    expect(rings()).toEqual(SQUARE);
    redo();
    expect(rings()).toEqual([10, 10, 40, 2, 30, 30, 10, 30]);
  });

  it('clamps a dragged vertex to the image and drops the drag on Esc', () => {
    t.press(30, 10);
    t.move(-20, -20);
    expect(getState().preview?.get(id)?.[0]).toEqual([10, 10, 0, 0, 30, 30, 10, 30]);
    t.escape();
    t.expectState('select.idle');
    expect(rings()).toEqual(SQUARE);
  });

  it('inserts a vertex from an edge midpoint, dragged or just clicked', () => {
    t.press(20, 10);
    t.expectState('select.inserting');
    t.move(20, 4);
    t.release();
    expect(rings()).toEqual([10, 10, 20, 4, 30, 10, 30, 30, 10, 30]);
    t.click(30, 20); // midpoint of the right edge, no move
    expect(rings()).toEqual([10, 10, 20, 4, 30, 10, 30, 20, 30, 30, 10, 30]);
  });

  it('deletes a vertex with a right click or Alt + click, never below 3', () => {
    t.click(30, 30, { button: 2 });
    expect(rings()).toEqual([10, 10, 30, 10, 10, 30]);
    t.click(10, 10, { alt: true });
    expect(rings()).toEqual([10, 10, 30, 10, 10, 30]);
    t.expectState('select.idle');
  });
});

describe('keys in select mode', () => {
  it('nudges the selected object by one pixel, kept inside the image; without a selection the key is not used', () => {
    t.click(20, 20);
    expect(t.key('ArrowLeft')).toBe(true);
    expect(t.key('ArrowDown')).toBe(true);
    expect(rings()).toEqual([9, 11, 29, 11, 29, 31, 9, 31]);
    for (let i = 0; i < 20; i++) t.key('ArrowLeft');
    expect(rings()[0]).toBe(0);
    t.escape();
    expect(t.key('ArrowLeft')).toBe(false); // the keyboard handler pans instead
  });

  it('keeps the app’s own undo depth, at least 300 steps', () => {
    t.click(20, 20);
    for (let i = 0; i < UNDO_DEPTH + 20; i++) t.key(i % 2 ? 'ArrowLeft' : 'ArrowRight');
    let steps = 0;
    while (getState().canUndo) {
      undo();
      steps++;
    }
    expect(steps).toBe(UNDO_DEPTH);
    expect(UNDO_DEPTH).toBeGreaterThanOrEqual(300);
  });
});
