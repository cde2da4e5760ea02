import { useState, type DragEvent, type ReactNode } from 'react';
import { importDropped } from '../store/actions/intake';

/** The whole window accepts dropped files and folders; an overlay shows while dragging. */
export function DropTarget({ children }: { children: ReactNode }) {
  const [depth, setDepth] = useState(0);
  const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

  async function onDrop(event: DragEvent) {
    event.preventDefault();
    setDepth(0);
    await importDropped(event.dataTransfer);
  }

  return (
    <div
      className="drop-target"
      onDragEnter={(event) => carriesFiles(event) && setDepth((d) => d + 1)}
      onDragLeave={(event) => carriesFiles(event) && setDepth((d) => Math.max(0, d - 1))}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDrop={(event) => void onDrop(event)}
    >
      {children}
      {depth > 0 && (
        <div className="drop-overlay" aria-hidden="true">
          Drop images or folders to add them
        </div>
      )}
    </div>
  );
}
