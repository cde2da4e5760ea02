import { getState, setState } from '../store';
import { notify } from './notices';

/**
 * Counts a write to storage while it runs, so the status bar can say "Saving…" and then
 * "All changes saved"; a failed write is reported at once (the in-memory state is kept) and
 * marks the state as not saved until a write succeeds.
 */
export async function trackSave(write: Promise<unknown>, failureMessage: string): Promise<boolean> {
  setState({ pendingSaves: getState().pendingSaves + 1 });
  try {
    await write;
    setState({ saveFailed: false });
    return true;
  } catch (error) {
    // Report the first failure only: retries of the same failure would flood the screen.
    if (!getState().saveFailed) notify('error', `${failureMessage}: ${error instanceof Error ? error.message : String(error)}`);
    setState({ saveFailed: true });
    return false;
  } finally {
    setState({ pendingSaves: getState().pendingSaves - 1 });
  }
}
