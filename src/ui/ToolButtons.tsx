import { redo, undo } from '../store/actions/annotations';
import { useAppStore } from '../store/store';
import { startDrawing, stopDrawing } from '../tools/drawTool';

/** Select / Draw tools and undo / redo. */
export function ToolButtons() {
  const tool = useAppStore((state) => state.tool);
  const hasImage = useAppStore((state) => state.objectsImageId !== null);
  const canUndo = useAppStore((state) => state.canUndo);
  const canRedo = useAppStore((state) => state.canRedo);
  return (
    <>
      <div className="button-group segmented" aria-label="Tools">
        <button type="button" className={tool === 'select' ? 'active' : ''} aria-pressed={tool === 'select'} disabled={!hasImage} onClick={stopDrawing} title="Select and edit (Esc)">
          Select
        </button>
        <button type="button" className={tool === 'draw' ? 'active' : ''} aria-pressed={tool === 'draw'} disabled={!hasImage} onClick={startDrawing} title="Draw a polygon (N)">
          Draw polygon
        </button>
      </div>
      <div className="button-group" aria-label="History">
        <button type="button" disabled={!canUndo} onClick={undo} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" disabled={!canRedo} onClick={redo} title="Redo (Ctrl+Shift+Z, Ctrl+Y)">
          Redo
        </button>
      </div>
    </>
  );
}
