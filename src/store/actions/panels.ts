import { getState, setState, type AppState } from '../store';
import { removeImages } from './project';

export function toggleShortcutsHelp(): void {
  setState({ shortcutsHelpOpen: !getState().shortcutsHelpOpen });
}

/** Asks the user to confirm removing these images (the dialog reads `confirmRemoval`). */
export function askToRemove(ids: string[]): void {
  setState({ confirmRemoval: ids });
}

export function cancelRemoval(): void {
  setState({ confirmRemoval: [] });
}

export async function confirmRemoval(): Promise<void> {
  const ids = getState().confirmRemoval;
  setState({ confirmRemoval: [] });
  await removeImages(ids);
}

export function openExport(): void {
  setState({ exportOpen: true, lastExport: null });
}

export function closeExport(): void {
  setState({ exportOpen: false });
}

export function openDashboard(): void {
  setState({ dashboardOpen: true });
}

export function closeDashboard(): void {
  setState({ dashboardOpen: false });
}

export function setStatusFilter(statusFilter: AppState['statusFilter']): void {
  setState({ statusFilter });
}
