import { ActionButton } from './ActionButton';

/** Select / Draw tools and undo / redo. */
export function ToolButtons() {
  return (
    <>
      <div className="button-group segmented" aria-label="Tools">
        <ActionButton id="select" />
        <ActionButton id="draw" />
        <ActionButton id="one-click" />
      </div>
      <ActionButton id="detect" />
      <div className="button-group" aria-label="History">
        <ActionButton id="undo" />
        <ActionButton id="redo" />
      </div>
    </>
  );
}
