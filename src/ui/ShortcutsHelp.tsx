import { toggleShortcutsHelp } from '../store/actions/panels';
import { useAppStore } from '../store/store';
import { Modal } from './Modal';
import { GESTURES, SHORTCUTS } from './shortcuts';

export function ShortcutsHelp() {
  const open = useAppStore((state) => state.shortcutsHelpOpen);
  if (!open) return null;
  return (
    <Modal title="Keyboard shortcuts" onClose={toggleShortcutsHelp} testId="shortcuts-help">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.description}>
              <td>{shortcut.keys.map((key) => <kbd key={key}>{key}</kbd>)}</td>
              <td>{shortcut.description}</td>
            </tr>
          ))}
          {GESTURES.map((gesture) => (
            <tr key={gesture.keys}>
              <td>
                <kbd>{gesture.keys}</kbd>
              </td>
              <td>{gesture.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="modal-buttons">
        <button type="button" onClick={toggleShortcutsHelp}>
          Close
        </button>
      </div>
    </Modal>
  );
}
