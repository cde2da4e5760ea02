import { keepMine, takeTheirs } from '../store/actions/conflicts';
import { selectObject } from '../store/actions/annotations';
import { openImage } from '../store/actions/project';
import { getState, useAppStore, type Conflict } from '../store/store';

async function show(conflict: Conflict): Promise<void> {
  if (getState().currentId !== conflict.imageId) await openImage(conflict.imageId);
  selectObject(conflict.id);
}

function describe({ mine, theirs, bundle }: Conflict): string {
  if (bundle) return `an object changed here and in bundle ${bundle.fileName}; ${bundle.kept === 'mine' ? 'your version' : "the bundle's version"} (the later change) is in place`;
  return `you ${mine ? 'changed' : 'deleted'} an object that another tab ${theirs ? 'changed' : 'deleted'}`;
}

/** Where the conflicts come from, for the bar's heading: another tab, a bundle, or both. */
function origin(conflicts: Conflict[]): string {
  const bundles = conflicts.filter((conflict) => conflict.bundle).length;
  return bundles === 0 ? 'another tab' : bundles === conflicts.length ? 'an imported bundle' : 'another tab or a bundle';
}

/** Objects changed in two tabs at once, or here and in an imported bundle: each waits here for the user's choice, both versions kept until then. */
export function ConflictBar() {
  const conflicts = useAppStore((state) => state.conflicts);
  const images = useAppStore((state) => state.images);
  if (conflicts.length === 0) return null;
  return (
    <div className="conflict-bar" role="alert" aria-label="Conflicting changes">
      <strong>{conflicts.length === 1 ? `A change conflicts with ${origin(conflicts)}` : `${conflicts.length} changes conflict with ${origin(conflicts)}`}</strong>
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
