/** One item changed by a step: its state before and after (null = absent). */
export interface Change<T> {
  id: string;
  before: T | null;
  after: T | null;
}

export type Step<T> = Change<T>[];

/**
 * Undo/redo stacks of steps, each step one user gesture (a drawn polygon, a whole vertex drag).
 * Recording a new step clears the redo stack; the oldest steps fall off past `limit`.
 */
export class History<T> {
  private done: Step<T>[] = [];
  private undone: Step<T>[] = [];

  constructor(private readonly limit = 500) {}

  record(step: Step<T>): void {
    if (step.length === 0) return;
    this.done.push(step);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }

  /** The step undo() would return, left in place (so a refused undo changes nothing). */
  peekUndo(): Step<T> | null {
    return this.done.at(-1) ?? null;
  }

  /** The step redo() would return, left in place. */
  peekRedo(): Step<T> | null {
    return this.undone.at(-1) ?? null;
  }

  /** The step to revert (apply each change's `before`), or null when there is none. */
  undo(): Step<T> | null {
    const step = this.done.pop();
    if (!step) return null;
    this.undone.push(step);
    return step;
  }

  /** The step to apply again (each change's `after`), or null when there is none. */
  redo(): Step<T> | null {
    const step = this.undone.pop();
    if (!step) return null;
    this.done.push(step);
    return step;
  }

  /**
   * Drops every step that touches one of `ids` (changed elsewhere: undoing or redoing such a
   * step would silently overwrite that change). Steps on other objects stay.
   */
  forget(ids: Iterable<string>): void {
    const gone = new Set(ids);
    const keep = (step: Step<T>) => !step.some((change) => gone.has(change.id));
    this.done = this.done.filter(keep);
    this.undone = this.undone.filter(keep);
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }
}
