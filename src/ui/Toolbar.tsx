import { useAppStore } from '../store/store';
import { ActionButton } from './ActionButton';
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
      <ActionButton id="export" />
      <ActionButton id="dashboard" />
      <ToolButtons />
      <span className="toolbar-gap" />
      <div className="button-group" aria-label="Zoom">
        <ActionButton id="zoom-out" />
        <span className="zoom-readout" data-testid="zoom">
          {hasImage ? `${Math.round(zoom * 100)} %` : '–'}
        </span>
        <ActionButton id="zoom-in" />
        <ActionButton id="fit" />
        <ActionButton id="actual-size" />
      </div>
      <UserBox />
      <ActionButton id="help" />
    </header>
  );
}
