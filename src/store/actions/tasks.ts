import { isAbortError } from '../../workers/rpc';
import { getState, setState, useAppStore, type TaskProgress } from '../store';
import { notify } from './notices';

/** What a task gets to report progress and to notice that the user cancelled it. */
export interface TaskControl {
  signal: AbortSignal;
  report(done: number, total: number, current: string): void;
}

const controllers = new Map<number, AbortController>();
let nextTaskId = 1;

function patchTask(id: number, change: Partial<TaskProgress>): void {
  setState({ tasks: getState().tasks.map((task) => (task.id === id ? { ...task, ...change } : task)) });
}

/**
 * Runs a long task with a progress bar (and Cancel, unless `cancellable` is false). A task the
 * user cancels says so and resolves to null; other failures are thrown to the caller.
 */
export async function runTask<T>(kind: TaskProgress['kind'], verb: string, work: (task: TaskControl) => Promise<T>, cancellable = true): Promise<T | null> {
  const id = nextTaskId++;
  const controller = new AbortController();
  controllers.set(id, controller);
  setState({ tasks: [...getState().tasks, { id, kind, verb, done: 0, total: 0, current: '', cancellable }] });
  try {
    return await work({ signal: controller.signal, report: (done, total, current) => patchTask(id, { done, total, current }) });
  } catch (error) {
    if (!controller.signal.aborted || !isAbortError(error)) throw error;
    notify('info', `${verb}: cancelled`);
    return null;
  } finally {
    controllers.delete(id);
    setState({ tasks: getState().tasks.filter((task) => task.id !== id) });
  }
}

/** Runs the bringing in of files (all its tasks, and what lies between them), counted in `bringingIn`. */
export async function bringIn<T>(work: () => Promise<T>): Promise<T> {
  setState({ bringingIn: getState().bringingIn + 1 });
  try {
    return await work();
  } finally {
    setState({ bringingIn: getState().bringingIn - 1 });
  }
}

/**
 * Resolves once no files are being brought in, so an export started meanwhile holds everything
 * they bring; says so when it has to wait.
 */
export async function bringInFinished(waiting: string): Promise<void> {
  if (getState().bringingIn === 0) return;
  notify('info', waiting);
  await new Promise<void>((resolve) => {
    const unsubscribe = useAppStore.subscribe((state) => {
      if (state.bringingIn > 0) return;
      unsubscribe();
      resolve();
    });
  });
}

/** The Cancel button of a task's progress bar. */
export function cancelTask(id: number): void {
  controllers.get(id)?.abort();
}
