import { useEffect, useState } from 'react';
import { connect, disconnect, openSyncDialog, storedSyncSettings } from '../store/actions/sync';
import { useAppStore } from '../store/store';
import { Modal } from './Modal';

/** Connect the project to a database on a CouchDB server (or disconnect it). */
export function SyncDialog() {
  const open = useAppStore((state) => state.syncDialogOpen);
  if (!open) return null;
  return <SyncForm />;
}

function SyncForm() {
  const sync = useAppStore((state) => state.sync);
  const serverOnly = useAppStore((state) => state.serverOnlyImages);
  const [url, setUrl] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void storedSyncSettings().then((stored) => {
      if (!stored) return;
      setUrl(stored.url);
      setUser(stored.user);
      setPassword(stored.password);
    });
  }, []);
  const connected = sync.url !== null;

  async function submit() {
    setBusy(true);
    const why = await connect({ url, user, password });
    setBusy(false);
    setProblem(why);
    if (!why) openSyncDialog(false);
  }

  return (
    <Modal title="Sync with a CouchDB server" onClose={() => openSyncDialog(false)} testId="sync-dialog">
      <p className="dialog-note">
        Objects, statuses, submissions and issues replicate both ways with the project’s database while you are online; work done offline goes up when
        you are back. Image files stay on this machine: each user adds the same files, matched by their content.
      </p>
      <form
        className="sync-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label>
          Database URL
          <input data-autofocus type="url" value={url} placeholder="https://couch.example.org/project" onChange={(event) => setUrl(event.target.value)} required />
        </label>
        <label>
          User
          <input value={user} autoComplete="username" onChange={(event) => setUser(event.target.value)} required />
        </label>
        <label>
          Password
          <input type="password" value={password} autoComplete="current-password" onChange={(event) => setPassword(event.target.value)} required />
        </label>
        <p className="dialog-note">The URL, user and password are kept in this browser’s storage for this project (the password too, unencrypted), until you disconnect.</p>
        {problem && (
          <p className="form-problem" role="alert" data-testid="sync-problem">
            {problem}
          </p>
        )}
        {serverOnly.length > 0 && (
          <p className="dialog-note" data-testid="server-only-images">
            {serverOnly.length === 1 ? '1 image on the server is' : `${serverOnly.length} images on the server are`} not in this project — add their files: {serverOnly.join(', ')}
          </p>
        )}
        <div className="modal-buttons">
          {connected && (
            <button type="button" onClick={() => void disconnect().then(() => openSyncDialog(false))}>
              Disconnect
            </button>
          )}
          <button type="button" onClick={() => openSyncDialog(false)}>
            Cancel
          </button>
          <button type="submit" disabled={busy}>
            {connected ? 'Reconnect' : 'Connect'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
