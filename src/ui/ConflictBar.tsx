import { keepMine, takeTheirs } from '../store/actions/conflicts';
import { selectObject } from '../store/actions/annotations';
import { openImage } from '../store/actions/project';
import { getState, useAppStore, type Conflict } from '../store/store';

async function show(conflict: Conflict): Promise<void> {
  if (getState().currentId !== conflict.imageId) await openImage(conflict.imageId);
  selectObject(conflict.id);
}

function describe({ mine, theirs }: Conflict): string {
  return `you ${mine ? 'changed' : 'deleted'} an object that another tab ${theirs ? 'changed' : 'deleted'}`;
}

/** Objects changed in two tabs at once: each waits here for the user's choice, both versions kept until then. */
export function ConflictBar() {
  const conflicts = useAppStore((state) => state.conflicts);
  const images = useAppStore((state) => state.images);
  if (conflicts.length === 0) return null;
  return (
    <div className="conflict-bar" role="alert" aria-label="Conflicting changes">
      <strong>{conflicts.length === 1 ? 'A change conflicts with another tab' : `${conflicts.length} changes conflict with another tab`}</strong>
      {conflicts.map((conflict) => (
        <div key={`${conflict.imageId}:${conflict.id}`} className="conflict-row" data-testid="conflict">
          <span className="conflict-text">
            {images.find((image) => image.id === conflict.imageId)?.name ?? 'Image'}: {describe(conflict)}
          </span>
          <button type="button" onClick={() => void show(conflict)}>Show</button>
          <button type="button" onClick={() => void keepMine(conflict)}>Keep mine</button>
          <button type="button" onClick={() => void takeTheirs(conflict)}>Take theirs</button>
        </div>
      ))}
    </div>
  );
}
