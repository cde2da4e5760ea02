import { openSyncDialog } from '../store/actions/sync';
import { useAppStore, type SyncStatus } from '../store/store';

function describe(sync: SyncStatus, serverOnly: number): string {
  const missing = serverOnly ? ` · ${serverOnly} server ${serverOnly === 1 ? 'image' : 'images'} not here` : '';
  const refused = sync.refusal ? ` · refused: ${sync.refusal}` : '';
  switch (sync.state) {
    case 'off':
      return 'Not synced';
    case 'connecting':
      return 'Sync: connecting…';
    case 'connected':
      return `Synced${missing}${refused}`;
    case 'syncing':
      return `Syncing${sync.pending ? ` ${sync.pending} ${sync.pending === 1 ? 'change' : 'changes'}` : '…'}${missing}${refused}`;
    case 'offline':
      return `Sync: offline${sync.reason ? ` (${sync.reason})` : ''} – changes are kept and go up when the server answers${refused}`;
    case 'error':
      return `Sync error: ${sync.reason ?? 'unknown'}`;
  }
}

/** The connection to the sync server, in the status bar; a click opens the sync dialog. */
export function SyncState() {
  const sync = useAppStore((state) => state.sync);
  const serverOnly = useAppStore((state) => state.serverOnlyImages.length);
  const problem = sync.state === 'error' || sync.state === 'offline' || sync.refusal !== null;
  return (
    <button type="button" className={`link-button sync-state${problem ? ' sync-problem' : ''}`} data-testid="sync-state" data-state={sync.state} title={sync.url ?? 'Connect this project to a CouchDB server'} onClick={() => openSyncDialog()}>
      {describe(sync, serverOnly)}
    </button>
  );
}
