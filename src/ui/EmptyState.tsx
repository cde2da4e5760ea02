import { loadDemoProject } from '../store/actions/intake';
import { FilePickers } from './FilePickers';

export function EmptyState() {
  return (
    <div className="empty-state">
      <h1>Outline nuclei, export exact masks</h1>
      <p>Drop images or whole folders anywhere in this window, or pick them:</p>
      <div className="empty-actions">
        <FilePickers />
        <button type="button" onClick={() => void loadDemoProject()}>
          Open demo project
        </button>
      </div>
      <p className="hint">
        PNG (8/16-bit), JPEG, TIFF (8/16-bit) and Cellomics .C01. Everything stays in this browser; nothing is uploaded.
      </p>
    </div>
  );
}
