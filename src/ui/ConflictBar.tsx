import { keepStored, restoreSetAside } from '../store/actions/conflicts';
import { selectObject } from '../store/actions/annotations';
import { openImage } from '../store/actions/project';
import { getState, useAppStore, type Conflict } from '../store/store';

async function show(conflict: Conflict): Promise<void> {
  if (getState().currentId !== conflict.imageId) await openImage(conflict.imageId);
  selectObject(conflict.id);
}

function describe({ origin, setAside, stored, bundle }: Conflict): string {
  if (bundle) return `an object changed here and in bundle ${bundle.fileName}; ${bundle.kept === 'mine' ? 'your version' : "the bundle's version"} (the later change) is in place`;
  if (origin === 'tab') return `you ${setAside ? 'changed' : 'deleted'} an object that another tab ${stored ? 'changed' : 'deleted'}`;
  const kept = stored ? `the later change (by ${stored.author}) is shown` : 'its deletion is shown';
  return `an object was changed on two machines while apart: ${kept}, ${setAside ? `the other (by ${setAside.author}) is set aside` : 'the other machine deleted it'}`;
}

const SOURCES: Record<Conflict['origin'], string> = { tab: 'another tab', bundle: 'an imported bundle', sync: 'another machine' };

/** Where the conflicts come from, for the bar's heading: another tab, a bundle, another machine, or several. */
function origin(conflicts: Conflict[]): string {
  return [...new Set(conflicts.map((conflict) => SOURCES[conflict.origin]))].join(' or ');
}

/** The two choices, in the words of where the conflict came from. */
function choices(conflict: Conflict): Array<{ label: string; run: () => Promise<void> }> {
  const restore = () => restoreSetAside(conflict);
  const keep = () => keepStored(conflict);
  if (conflict.origin === 'tab') return [{ label: 'Keep mine', run: restore }, { label: 'Take theirs', run: keep }];
  if (conflict.bundle) {
    const mineKept = conflict.bundle.kept === 'mine';
    return [{ label: 'Keep mine', run: mineKept ? keep : restore }, { label: 'Take theirs', run: mineKept ? restore : keep }];
  }
  return [{ label: 'Restore the other version', run: restore }, { label: 'Keep this version', run: keep }];
}

/** Objects changed in two tabs, on two machines, or here and in an imported bundle: each waits here for the user's choice, both versions kept until then. */
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
          {choices(conflict).map(({ label, run }) => (
            <button key={label} type="button" onClick={() => void run()}>
              {label}
            </button>
          ))}
        </div>
      ))}
    </div>
  );
}
