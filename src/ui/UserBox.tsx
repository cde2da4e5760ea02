import { useState } from 'react';
import type { Role } from '../core/review/status';
import { setUser } from '../store/actions/review';
import { useAppStore } from '../store/store';

/** Who is working, and as annotator or reviewer; recorded on every change and review action. */
export function UserBox() {
  const user = useAppStore((state) => state.user);
  // Connected, the server's session says who works here and as what.
  const fromServer = useAppStore((state) => state.sync.url !== null && state.sync.state !== 'error');
  if (fromServer) {
    return (
      <div className="user-box" data-testid="session-user" title="Your name and role on the sync server">
        {user.name} · {user.role}
      </div>
    );
  }
  return (
    <div className="user-box">
      {/* Keyed by the stored name, so the field shows it again once it is loaded or changed. */}
      <NameField key={user.name} stored={user.name} role={user.role} />
      <select aria-label="Role" value={user.role} onChange={(event) => setUser(user.name, event.target.value as Role)}>
        <option value="annotator">annotator</option>
        <option value="reviewer">reviewer</option>
      </select>
    </div>
  );
}

function NameField({ stored, role }: { stored: string; role: Role }) {
  const [name, setName] = useState(stored);
  return (
    <input
      aria-label="Your name"
      className="name-input"
      value={name}
      onChange={(event) => setName(event.target.value)}
      onBlur={() => name !== stored && setUser(name, role)}
    />
  );
}
