import { History } from '../../core/history';
import type { AnnotationObject } from '../../core/objects';
import { getState, setState } from '../store';

/** Undo steps kept per image (a whole gesture is one step). */
export const UNDO_DEPTH = 500;

/** Undo history per image, kept for the session (switching images does not lose it). */
const histories = new Map<string, History<AnnotationObject>>();

export function historyOf(imageId: string): History<AnnotationObject> {
  let history = histories.get(imageId);
  if (!history) histories.set(imageId, (history = new History(UNDO_DEPTH)));
  return history;
}

/** Drops the undo history of a removed image. */
export function forgetHistory(imageId: string): void {
  histories.delete(imageId);
}

/** Drops the undo and redo steps on objects changed elsewhere (see History.forget). */
export function forgetStepsOn(imageId: string, ids: string[]): void {
  const history = histories.get(imageId);
  if (!history) return;
  history.forget(ids);
  if (getState().objectsImageId === imageId) setState({ canUndo: history.canUndo, canRedo: history.canRedo });
}
