import { openDashboard, openExport, toggleShortcutsHelp } from '../store/actions/panels';
import { stepImage } from '../store/actions/project';
import { actualSize, fitToWindow, zoomIn, zoomOut } from '../store/actions/view';
import { useAppStore } from '../store/store';
import { FilePickers } from './FilePickers';
import { ToolButtons } from './ToolButtons';
import { UserBox } from './UserBox';

export function Toolbar() {
  const zoom = useAppStore((state) => state.view.zoom);
  const hasImage = useAppStore((state) => state.pixels !== null);
  return (
    <header className="toolbar">
      <span className="brand">Nuclei Annotator</span>
      <FilePickers />
      <button type="button" onClick={openExport} title="Export masks or annotations (Ctrl+E)">
        Export…
      </button>
      <button type="button" onClick={openDashboard} title="Review dashboard">
        Dashboard
      </button>
      <ToolButtons />
      <span className="toolbar-gap" />
      <div className="button-group" aria-label="Navigation">
        <button type="button" disabled={!hasImage} onClick={() => stepImage(-1)} title="Previous image (D)">
          ◀ Prev
        </button>
        <button type="button" disabled={!hasImage} onClick={() => stepImage(1)} title="Next image (F)">
          Next ▶
        </button>
      </div>
      <div className="button-group" aria-label="Zoom">
        <button type="button" disabled={!hasImage} onClick={zoomOut} title="Zoom out (-)" aria-label="Zoom out">
          −
        </button>
        <span className="zoom-readout" data-testid="zoom">
          {Math.round(zoom * 100)} %
        </span>
        <button type="button" disabled={!hasImage} onClick={zoomIn} title="Zoom in (+)" aria-label="Zoom in">
          +
        </button>
        <button type="button" disabled={!hasImage} onClick={fitToWindow} title="Fit to window (0)">
          Fit
        </button>
        <button type="button" disabled={!hasImage} onClick={actualSize} title="Actual size (1)">
          1:1
        </button>
      </div>
      <UserBox />
      <button type="button" onClick={toggleShortcutsHelp} title="Keyboard shortcuts (? or F1)" aria-label="Keyboard shortcuts">
        ?
      </button>
    </header>
  );
}
