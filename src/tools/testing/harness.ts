/**
 * Drives the interaction without a DOM: synthetic pointer and key events go through the same
 * entry points the canvas and the keyboard use (tools/index.ts), on a fresh image in the store.
 * Storage must be mocked by the test (vi.mock of io/db), since there is no IndexedDB in Node.
 */
import { expect } from 'vitest';
import type { AnnotationObject } from '../../core/objects';
import type { ImageRecord } from '../../core/project';
import { rebuildHitIndex } from '../../store/actions/hitTest';
import { getState, initialState, setState } from '../../store/store';
import { cancelInteraction, toolDoubleClick, toolKey, toolPointerDown, toolPointerMove, toolPointerUp, type PointerInput } from '..';
import { transition } from '../machine';

type Modifiers = Partial<Omit<PointerInput, 'x' | 'y' | 'zoom'>>;

export interface Harness {
  press(x: number, y: number, modifiers?: Modifiers): void;
  move(x: number, y: number, modifiers?: Modifiers): void;
  release(): void;
  /** Press and release at one point. */
  click(x: number, y: number, modifiers?: Modifiers): void;
  /** Press, move through the points, release at the last. */
  drag(points: Array<[number, number]>, modifiers?: Modifiers): void;
  doubleClick(): void;
  /** Offers a key combination to the current state, as the keyboard handler does; returns whether it was used. */
  key(combo: string): boolean;
  escape(): void;
  expectState(path: string): void;
  objects(): AnnotationObject[];
  object(id: string): AnnotationObject;
}

/**
 * A fresh image (its own id, so its undo history is new) of `width` x `height` pixels, shown at
 * `zoom` screen pixels per image pixel, with nothing selected and the tools in "select.idle".
 */
export function startHarness({ width = 100, height = 80, zoom = 2, status = 'in progress' as ImageRecord['status'] } = {}): Harness {
  const id = `img-${Math.random()}`;
  const image = { id, name: 'test.png', width, height, status, statusHistory: [], objectCount: 0 } as unknown as ImageRecord;
  setState({ ...initialState, images: [image], currentId: id, objectsImageId: id, objects: new Map() });
  rebuildHitIndex([], width, height);
  transition('select.idle');
  const input = (x: number, y: number, modifiers: Modifiers = {}): PointerInput => ({ x, y, button: 0, shift: false, alt: false, ctrl: false, zoom, ...modifiers });
  const harness: Harness = {
    press: (x, y, modifiers) => toolPointerDown(input(x, y, modifiers)),
    move: (x, y, modifiers) => toolPointerMove(input(x, y, modifiers)),
    release: () => toolPointerUp(),
    click(x, y, modifiers) {
      harness.press(x, y, modifiers);
      harness.release();
    },
    drag(points, modifiers) {
      const [[x0, y0], ...rest] = points;
      harness.press(x0, y0, modifiers);
      for (const [x, y] of rest) harness.move(x, y, modifiers);
      harness.release();
    },
    doubleClick: () => toolDoubleClick(),
    key: (combo) => toolKey(combo),
    escape: () => cancelInteraction(),
    expectState: (path) => expect(getState().toolPath).toBe(path),
    objects: () => [...getState().objects.values()],
    object(objectId) {
      const object = getState().objects.get(objectId);
      if (!object) throw new Error(`no object ${objectId}`);
      return object;
    },
  };
  return harness;
}
