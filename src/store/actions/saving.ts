import { getState, setState } from '../store';
import { notify } from './notices';

/**
 * Counts a write to storage while it runs, so the status bar can say "Saving…" and then
 * "All changes saved"; a failed write is reported at once (the in-memory state is kept),
 * except a retry of a failure already reported (`retry`), which would only repeat it.
 */
export async function trackSave(write: Promise<unknown>, failureMessage: string, retry = false): Promise<boolean> {
  setState({ pendingSaves: getState().pendingSaves + 1 });
  try {
    await write;
    return true;
  } catch (error) {
    if (!retry) notify('error', `${failureMessage}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  } finally {
    setState({ pendingSaves: getState().pendingSaves - 1 });
  }
}
