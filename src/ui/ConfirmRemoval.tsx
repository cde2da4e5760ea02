import { cancelRemoval, confirmRemoval } from '../store/actions/panels';
import { useAppStore } from '../store/store';
import { Modal } from './Modal';

export function ConfirmRemoval() {
  const ids = useAppStore((state) => state.confirmRemoval);
  const images = useAppStore((state) => state.images);
  if (ids.length === 0) return null;
  const names = images.filter((image) => ids.includes(image.id)).map((image) => image.name);
  return (
    <Modal title="Remove image?" onClose={cancelRemoval} testId="confirm-removal">
      <p>
        {names.join(', ')} and everything stored for {names.length === 1 ? 'it' : 'them'} will be removed from this
        project. This cannot be undone.
      </p>
      <div className="modal-buttons">
        <button type="button" onClick={cancelRemoval} data-autofocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => void confirmRemoval()}>
          Remove
        </button>
      </div>
    </Modal>
  );
}
