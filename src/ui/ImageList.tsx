import { memo, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualRows } from './useVirtualRows';
import type { ImageRecord } from '../core/project';
import { STATUSES, type ImageStatus } from '../core/review/status';
import { askToRemove, setStatusFilter } from '../store/actions/panels';
import { openImage, removeDemoImages, selectImages, setSplit, SPLITS } from '../store/actions/project';
import { useAppStore } from '../store/store';
import { describeCellomics, describeSize, middleEllipsis } from './describeImage';
import { ActionButton } from './ActionButton';
import { Thumbnail } from './Thumbnail';

/** Height of one row in CSS pixels (styles.css `.image-row` has it too): the list is virtualized by it. */
const ROW_HEIGHT = 44;

/**
 * The project's images, two compact lines each (name, then well, objects, status, split; the
 * rest on hover). A click opens one; Ctrl+click and Shift+click select several, for the split.
 * Only the rows in view are drawn (a project may have thousands); the list is a listbox: arrows,
 * Page Up/Down, Home and End move through it, Enter opens; "Find" narrows it by name.
 */
export function ImageList() {
  const allImages = useAppStore((state) => state.images);
  const currentId = useAppStore((state) => state.currentId);
  const selection = useAppStore((state) => state.imageSelection);
  const filter = useAppStore((state) => state.statusFilter);
  const [query, setQuery] = useState('');
  const needle = query.trim().toLowerCase();
  const images = useMemo(
    () => allImages.filter((image) => (filter === 'all' || image.status === filter) && (!needle || image.name.toLowerCase().includes(needle))),
    [allImages, filter, needle],
  );
  const statusCounts = useMemo(() => STATUSES.map((status) => allImages.filter((image) => image.status === status).length), [allImages]);
  const scroller = useRef<HTMLDivElement>(null);
  const { first, last } = useVirtualRows(scroller, images.length, ROW_HEIGHT);
  const [active, setActive] = useState(-1); // keyboard position in `images`
  const openIndex = images.findIndex((image) => image.id === currentId);

  /** Scrolls the least needed to show row `index` whole. */
  function reveal(index: number): void {
    const element = scroller.current;
    if (!element || index < 0) return;
    const top = index * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  }
  // The open image is scrolled into view (opened by F / D, the dashboard, a removal).
  useLayoutEffect(() => reveal(openIndex), [openIndex]);

  function onListKey(event: KeyboardEvent) {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const from = active >= 0 && active < images.length ? active : Math.max(0, openIndex);
    const moves: Record<string, number> = { ArrowDown: from + 1, ArrowUp: from - 1, PageDown: from + page, PageUp: from - page, Home: 0, End: images.length - 1 };
    if (event.key === 'Enter' && images[from]) void openImage(images[from].id);
    else if (event.key in moves && images.length) {
      const next = Math.max(0, Math.min(images.length - 1, moves[event.key]));
      setActive(next);
      reveal(next);
    } else return;
    // The list's own keys: not the viewer's shortcuts (arrows pan, Home/End…).
    event.preventDefault();
    event.stopPropagation();
  }
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
        {STATUSES.map((status, i) => (
          <option key={status} value={status}>
            {status} ({statusCounts[i]})
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
      <input
        type="search"
        className="image-find"
        placeholder="Find by name"
        aria-label="Find images by name"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(-1);
        }}
      />
      <div className="image-scroller" ref={scroller}>
        <ul
          role="listbox"
          aria-label="Project images"
          aria-multiselectable
          tabIndex={0}
          aria-activedescendant={images[active] ? rowId(images[active].id) : undefined}
          style={{ height: images.length * ROW_HEIGHT }}
          onKeyDown={onListKey}
        >
          {images.slice(first, last).map((image, i) => (
            <ImageRow
              key={image.id}
              image={image}
              top={(first + i) * ROW_HEIGHT}
              open={image.id === currentId}
              selected={selection.includes(image.id)}
              active={first + i === active}
              onClick={onRowClick}
            />
          ))}
        </ul>
      </div>
    </div>
  );
}

const rowId = (imageId: string) => `image-row-${imageId}`;

interface RowProps {
  image: ImageRecord;
  /** Position in the list, CSS pixels from its top. */
  top: number;
  open: boolean;
  selected: boolean;
  /** The keyboard's position in the list. */
  active: boolean;
  onClick: (event: MouseEvent, image: ImageRecord) => void;
}

const ImageRow = memo(function ImageRow({ image, top, open, selected, active, onClick }: RowProps) {
  const cellomics = describeCellomics(image);
  const well = image.cellomics ? `${image.cellomics.well} f${image.cellomics.field}` : null;
  return (
    <li
      id={rowId(image.id)}
      role="option"
      aria-selected={open || selected}
      className={`image-row${open ? ' open' : ''}${selected ? ' selected' : ''}${active ? ' active' : ''}`}
      style={{ top }}
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
