import { describe, expect, it } from 'vitest';
import { History, type Step } from './history';

/** Applies steps to a plain record the way the store does. */
function apply(state: Record<string, string>, step: Step<string>, side: 'before' | 'after') {
  const next = { ...state };
  for (const change of step) {
    const value = change[side];
    if (value === null) delete next[change.id];
    else next[change.id] = value;
  }
  return next;
}

describe('History', () => {
  it('undoes and redoes a sequence of steps back to each earlier state', () => {
    const history = new History<string>();
    const states: Record<string, string>[] = [{}];
    const steps: Step<string>[] = [
      [{ id: 'a', before: null, after: 'square' }],
      [{ id: 'b', before: null, after: 'circle' }],
      [{ id: 'a', before: 'square', after: 'moved square' }],
      [
        { id: 'a', before: 'moved square', after: null },
        { id: 'b', before: 'circle', after: 'big circle' },
      ],
    ];
    for (const step of steps) {
      history.record(step);
      states.push(apply(states.at(-1)!, step, 'after'));
    }
    let state = states.at(-1)!;
    for (let i = steps.length - 1; i >= 0; i--) {
      state = apply(state, history.undo()!, 'before');
      expect(state).toEqual(states[i]);
    }
    expect(history.undo()).toBeNull();
    expect(history.canUndo).toBe(false);
    for (let i = 1; i <= steps.length; i++) {
      state = apply(state, history.redo()!, 'after');
      expect(state).toEqual(states[i]);
    }
    expect(history.redo()).toBeNull();
  });

  it('drops the redo stack when a new step is recorded', () => {
    const history = new History<string>();
    history.record([{ id: 'a', before: null, after: '1' }]);
    history.undo();
    expect(history.canRedo).toBe(true);
    history.record([{ id: 'b', before: null, after: '2' }]);
    expect(history.canRedo).toBe(false);
    expect(history.redo()).toBeNull();
  });

  it('forgets the oldest steps past its limit', () => {
    const history = new History<number>(5);
    for (let i = 0; i < 8; i++) history.record([{ id: 'x', before: i, after: i + 1 }]);
    let undone = 0;
    let last: Step<number> | null = null;
    for (let step = history.undo(); step; step = history.undo()) {
      undone++;
      last = step;
    }
    expect(undone).toBe(5);
    expect(last![0].before).toBe(3);
  });

  it('peeks at the next undo and redo without moving', () => {
    const history = new History<string>();
    history.record([{ id: 'a', before: null, after: '1' }]);
    expect(history.peekUndo()).toEqual([{ id: 'a', before: null, after: '1' }]);
    expect(history.canUndo).toBe(true);
    expect(history.peekRedo()).toBeNull();
    history.undo();
    expect(history.peekUndo()).toBeNull();
    expect(history.peekRedo()).toEqual([{ id: 'a', before: null, after: '1' }]);
  });

  it('ignores empty steps', () => {
    const history = new History<string>();
    history.record([]);
    expect(history.canUndo).toBe(false);
  });

  it('forgets the undo and redo steps on objects changed elsewhere, keeping the others in order', () => {
    const history = new History<string>();
    history.record([{ id: 'a', before: null, after: '1' }]);
    history.record([{ id: 'b', before: null, after: '1' }]);
    history.record([{ id: 'a', before: '1', after: '2' }, { id: 'c', before: null, after: '1' }]);
    history.record([{ id: 'c', before: '1', after: '2' }]);
    history.undo();
    history.forget(['a']);
    expect(history.undo()).toEqual([{ id: 'b', before: null, after: '1' }]);
    expect(history.canUndo).toBe(false);
    expect(history.redo()).toEqual([{ id: 'b', before: null, after: '1' }]);
    expect(history.redo()).toEqual([{ id: 'c', before: '1', after: '2' }]);
  });
});
