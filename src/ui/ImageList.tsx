import { memo, useEffect, useRef, type MouseEvent } from 'react';
import type { ImageRecord } from '../core/project';
import { STATUSES, type ImageStatus } from '../core/review/status';
import { askToRemove, setStatusFilter } from '../store/actions/panels';
import { openImage, removeDemoImages, selectImages, setSplit, SPLITS } from '../store/actions/project';
import { useAppStore } from '../store/store';
import { describeCellomics, describeSize, middleEllipsis } from './describeImage';
import { ActionButton } from './ActionButton';
import { Thumbnail } from './Thumbnail';

/**
 * The project's images, two compact lines each (name, then well, objects, status, split; the
 * rest on hover). A click opens one; Ctrl+click and Shift+click select several, for the split.
 */
export function ImageList() {
  const allImages = useAppStore((state) => state.images);
  const currentId = useAppStore((state) => state.currentId);
  const selection = useAppStore((state) => state.imageSelection);
  const filter = useAppStore((state) => state.statusFilter);
  const images = filter === 'all' ? allImages : allImages.filter((image) => image.status === filter);
  const hasDemo = allImages.some((image) => image.demo);
  const chosen = selection.length ? selection : currentId ? [currentId] : [];
  const splits = new Set(allImages.filter((image) => chosen.includes(image.id)).map((image) => image.split ?? ''));

  function onRowClick(event: MouseEvent, image: ImageRecord) {
    if (event.ctrlKey || event.metaKey) {
      const base = selection.length ? selection : currentId ? [currentId] : [];
      selectImages(base.includes(image.id) ? base.filter((id) => id !== image.id) : [...base, image.id]);
    } else if (event.shiftKey && currentId) {
      const ids = images.map((candidate) => candidate.id);
      const [from, to] = [ids.indexOf(currentId), ids.indexOf(image.id)].sort((a, b) => a - b);
      selectImages(ids.slice(from, to + 1));
    } else {
      selectImages([]);
      void openImage(image.id);
    }
  }

  return (
    <div className="image-list">
      <div className="image-list-head">
        <h2>
          Images <span className="count">{allImages.length}</span>
        </h2>
        <div className="button-group" aria-label="Navigation">
          <ActionButton id="previous-image" />
          <ActionButton id="next-image" />
        </div>
      </div>
      <select className="status-filter" aria-label="Show images" value={filter} onChange={(event) => setStatusFilter(event.target.value as ImageStatus | 'all')}>
        <option value="all">all statuses</option>
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {status} ({allImages.filter((image) => image.status === status).length})
          </option>
        ))}
      </select>
      {chosen.length > 0 && (
        <label className="split-editor">
          <span>{selection.length > 1 ? `Split of ${selection.length} selected` : 'Split'}</span>
          <select aria-label="Split" value={splits.size === 1 ? [...splits][0] : 'mixed'} onChange={(event) => setSplit(chosen, event.target.value || undefined)}>
            {splits.size > 1 && <option value="mixed">mixed</option>}
            <option value="">none (all/)</option>
            {SPLITS.map((split) => (
              <option key={split} value={split}>
                {split}
              </option>
            ))}
          </select>
        </label>
      )}
      {hasDemo && (
        <div className="demo-banner">
          Demo images, generated for trying the app.
          <button type="button" onClick={() => void removeDemoImages()}>
            Remove demo images
          </button>
        </div>
      )}
      <ul role="listbox" aria-label="Project images" aria-multiselectable>
        {images.map((image) => (
          <ImageRow key={image.id} image={image} open={image.id === currentId} selected={selection.includes(image.id)} onClick={onRowClick} />
        ))}
      </ul>
    </div>
  );
}

interface RowProps {
  image: ImageRecord;
  open: boolean;
  selected: boolean;
  onClick: (event: MouseEvent, image: ImageRecord) => void;
}

const ImageRow = memo(function ImageRow({ image, open, selected, onClick }: RowProps) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (open) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [open]);
  const cellomics = describeCellomics(image);
  const well = image.cellomics ? `${image.cellomics.well} f${image.cellomics.field}` : null;
  return (
    <li
      ref={ref}
      role="option"
      aria-selected={open || selected}
      className={`image-row${open ? ' open' : ''}${selected ? ' selected' : ''}`}
      data-testid="image-row"
      data-name={image.name}
      title={[image.name, cellomics, describeSize(image)].filter(Boolean).join('\n')}
      onClick={(event) => onClick(event, image)}
    >
      <Thumbnail raster={image.thumbnail} label={`Thumbnail of ${image.name}`} />
      <div className="image-row-text">
        <div className="image-name">{middleEllipsis(image.name, 21)}</div>
        <div className="image-meta">
          {well && `${well} · `}
          <span data-testid="image-object-count">{image.objectCount === 1 ? '1 object' : `${image.objectCount} objects`}</span> ·{' '}
          <span className={`status-badge status-${image.status.replace(' ', '-')}`} data-testid="image-status-badge">
            {image.status}
          </span>
          {image.split && (
            <span className="split-badge" data-testid="image-split">
              {image.split}
            </span>
          )}
        </div>
      </div>
      <button
        type="button"
        className="icon-button remove"
        title={`Remove ${image.name}`}
        aria-label={`Remove ${image.name}`}
        onClick={(event) => {
          event.stopPropagation();
          askToRemove([image.id]);
        }}
      >
        ×
      </button>
    </li>
  );
});
