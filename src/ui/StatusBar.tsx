import { pixelAt } from '../core/raster';
import { NoticeLog } from './NoticeLog';
import { SyncState } from './SyncState';
import { switchToNewVersion } from '../store/actions/offline';
import { currentImage, cursorPixel, useAppStore, type AppState } from '../store/store';

/** Value under the cursor: original samples for 16-bit images (with the shown 8-bit value). */
function cursorReadout(state: AppState): string | null {
  const { pixels } = state;
  const cursor = cursorPixel(state);
  if (!cursor || !pixels || pixels.id !== state.currentId) return null; // the image being opened is not shown yet
  if (pixels.tiled) return null; // a tiled image's samples are in storage, read a tile at a time for the view
  const shown = pixelAt(pixels.display, cursor.x, cursor.y).join(', ');
  if (!pixels.original) return `value ${shown}`;
  return `value ${pixelAt(pixels.original, cursor.x, cursor.y).join(', ')} (8-bit ${shown})`;
}

export function StatusBar() {
  const position = useAppStore((state) => {
    const cursor = cursorPixel(state);
    return cursor ? `x ${cursor.x}, y ${cursor.y}` : 'x –, y –';
  });
  const readout = useAppStore(cursorReadout);
  const image = useAppStore(currentImage);
  const zoom = useAppStore((state) => state.view.zoom);
  // Images and annotations being brought in count as unsaved until they are all in.
  const saving = useAppStore((state) => state.pendingSaves > 0 || state.bringingIn > 0);
  const failed = useAppStore((state) => state.saveFailed);
  const conflicts = useAppStore((state) => state.conflicts.length);
  const newVersion = useAppStore((state) => state.newVersionReady);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="cursor-position">{position}</span>
      <span data-testid="cursor-value">{readout ?? ''}</span>
      <span className="status-gap" />
      {image && <span>{`${image.width} × ${image.height} px`}</span>}
      {image && <span>{`zoom ${Math.round(zoom * 100)} %`}</span>}
      {newVersion && (
        <button type="button" className="link-button new-version" onClick={() => void switchToNewVersion()} title="A new version is ready: switch to it (every open tab of the app reloads)">
          Reload to update
        </button>
      )}
      <SyncState />
      <NoticeLog />
      <span data-testid="save-state" className={failed || conflicts ? 'save-failed' : saving ? 'saving' : 'saved'}>
        {failed ? 'Not saved – kept in memory, retrying' : saving ? 'Saving…' : conflicts ? `${conflicts} conflicting ${conflicts === 1 ? 'change' : 'changes'} to resolve` : 'All changes saved'}
      </span>
    </footer>
  );
}
