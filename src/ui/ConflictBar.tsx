import { keepStored, restoreSetAside } from '../store/actions/conflicts';
import { selectObject } from '../store/actions/annotations';
import { openImage } from '../store/actions/project';
import { getState, useAppStore, type Conflict } from '../store/store';

async function show(conflict: Conflict): Promise<void> {
  if (getState().currentId !== conflict.imageId) await openImage(conflict.imageId);
  selectObject(conflict.id);
}

function describe({ origin, setAside, stored }: Conflict): string {
  if (origin === 'tab') return `you ${setAside ? 'changed' : 'deleted'} an object that another tab ${stored ? 'changed' : 'deleted'}`;
  const kept = stored ? `the later change (by ${stored.author}) is shown` : 'its deletion is shown';
  return `an object was changed on two machines while apart: ${kept}, ${setAside ? `the other (by ${setAside.author}) is set aside` : 'the other machine deleted it'}`;
}

/** The two choices, in the words of where the conflict came from. */
const CHOICES = {
  tab: { restore: 'Keep mine', keep: 'Take theirs' },
  sync: { restore: 'Restore the other version', keep: 'Keep this version' },
} as const;

/** Objects changed in two tabs or on two machines at once: each waits here for the user's choice, both versions kept until then. */
export function ConflictBar() {
  const conflicts = useAppStore((state) => state.conflicts);
  const images = useAppStore((state) => state.images);
  if (conflicts.length === 0) return null;
  return (
    <div className="conflict-bar" role="alert" aria-label="Conflicting changes">
      <strong>{conflicts.length === 1 ? 'A change conflicts with another one' : `${conflicts.length} changes conflict with others`}</strong>
      {conflicts.map((conflict) => (
        <div key={`${conflict.imageId}:${conflict.id}`} className="conflict-row" data-testid="conflict">
          <span className="conflict-text">
            {images.find((image) => image.id === conflict.imageId)?.name ?? 'Image'}: {describe(conflict)}
          </span>
          <button type="button" onClick={() => void show(conflict)}>Show</button>
          <button type="button" onClick={() => void restoreSetAside(conflict)}>{CHOICES[conflict.origin].restore}</button>
          <button type="button" onClick={() => void keepStored(conflict)}>{CHOICES[conflict.origin].keep}</button>
        </div>
      ))}
    </div>
  );
}
