import { toggleShortcutsHelp } from '../store/actions/panels';
import { useAppStore } from '../store/store';
import { Modal } from './Modal';
import { ACTIONS, GESTURES } from './actions';

export function ShortcutsHelp() {
  const open = useAppStore((state) => state.shortcutsHelpOpen);
  if (!open) return null;
  return (
    <Modal title="Keyboard shortcuts" onClose={toggleShortcutsHelp} testId="shortcuts-help">
      <table className="shortcuts">
        <tbody>
          {ACTIONS.filter((action) => action.keys.length).map((action) => (
            <tr key={action.id}>
              <td>{action.keys.map((key) => <kbd key={key}>{key}</kbd>)}</td>
              <td>{action.label}</td>
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
