import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useElementSize } from '../canvas/useElementSize';
import { objectStats } from '../core/objectStats';
import { byZ, type AnnotationObject } from '../core/objects';
import { selectObject, toggleInSelection } from '../store/actions/annotations';
import { centreOn } from '../store/actions/objectCommands';
import { useAppStore } from '../store/store';

const ROW_HEIGHT = 26;
/** Rows rendered beyond the visible ones, so fast scrolling does not show gaps. */
const OVERSCAN = 8;

type SortKey = 'number' | 'area' | 'vertices' | 'flags';
const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'number', label: '#' },
  { key: 'area', label: 'area px' },
  { key: 'vertices', label: 'vertices' },
  { key: 'flags', label: 'flags' },
];

interface Row {
  object: AnnotationObject;
  /** Position in stacking order, 1 = bottom: the object's number everywhere in the app. */
  number: number;
  area: number;
  vertices: number;
  /** Crosses itself, in several pieces, hidden, locked: counted for sorting. */
  flags: number;
  pieces: number;
}

function rowOf(object: AnnotationObject, number: number): Row {
  const stats = objectStats(object);
  const flags = (stats.selfIntersecting ? 8 : 0) + (stats.pieces > 1 ? 4 : 0) + (object.hidden ? 2 : 0) + (object.locked ? 1 : 0);
  return { object, number, area: stats.area, vertices: stats.vertices, flags, pieces: stats.pieces };
}

/**
 * The open image's objects: sortable by number (stacking order), area, vertices or flags, with
 * a filter to flagged ones. Only the visible rows are rendered, so thousands scroll smoothly,
 * and the list takes all the height the panel has.
 */
export function ObjectList() {
  const objects = useAppStore((state) => state.objects);
  const selectedId = useAppStore((state) => state.selectedId);
  const selectedIds = useAppStore((state) => state.selectedIds);
  const hasImage = useAppStore((state) => state.objectsImageId !== null);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'number', descending: false });
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const all = useMemo(() => byZ([...objects.values()]).map((object, i) => rowOf(object, i + 1)), [objects]);
  const rows = useMemo(() => {
    const shown = onlyFlagged ? all.filter((row) => row.flags & 12) : all;
    const sign = sort.descending ? -1 : 1;
    return [...shown].sort((a, b) => sign * (a[sort.key] - b[sort.key]) || a.number - b.number);
  }, [all, sort, onlyFlagged]);
  const flagged = useMemo(() => all.filter((row) => row.flags & 12).length, [all]);
  const [scrollTop, setScrollTop] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const { height } = useElementSize(scroller);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const selectedIndex = rows.findIndex((row) => row.object.id === selectedId);

  // Keep the selected row in view when the selection changes elsewhere (Tab, canvas click).
  useEffect(() => {
    const element = scroller.current;
    if (!element || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    if (top < element.scrollTop || top + ROW_HEIGHT > element.scrollTop + element.clientHeight) {
      element.scrollTop = top - element.clientHeight / 2;
    }
    // Only a new selection scrolls (selectedIndex is left out on purpose): edits that reorder rows should not move the list.
  }, [selectedId]);

  const sortBy = (key: SortKey) => setSort((current) => ({ key, descending: current.key === key ? !current.descending : key !== 'number' }));
  return (
    <section className="panel object-panel" aria-label="Objects">
      <h2>
        Objects <span className="count" data-testid="object-count">{all.length}</span>
        {flagged > 0 && (
          <label className="flag-count" title="Show only the flagged objects (outline crosses itself, or in separate pieces)">
            <input type="checkbox" checked={onlyFlagged} onChange={(event) => setOnlyFlagged(event.target.checked)} /> ⚠ {flagged}
          </label>
        )}
      </h2>
      <div className="object-header" role="row">
        {COLUMNS.map(({ key, label }) => (
          <button key={key} type="button" className="column-sort" aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'} onClick={() => sortBy(key)} title={`Sort by ${label}`}>
            {label}
            {sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}
          </button>
        ))}
      </div>
      <div ref={scroller} className="object-scroller" role="listbox" aria-label="Objects of this image" onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {rows.slice(first, last).map((row, i) => (
            <ObjectRow key={row.object.id} row={row} selected={selectedIds.includes(row.object.id)} top={(first + i) * ROW_HEIGHT} />
          ))}
        </div>
      </div>
      {hasImage && all.length === 0 && <p className="hint">No objects yet. Press N and click around a nucleus.</p>}
    </section>
  );
}

const ObjectRow = memo(function ObjectRow({ row, selected, top }: { row: Row; selected: boolean; top: number }) {
  const { object } = row;
  return (
    <div
      role="option"
      aria-selected={selected}
      data-testid="object-row"
      className={selected ? 'object-row selected' : 'object-row'}
      style={{ top, height: ROW_HEIGHT }}
      onClick={(event) => {
        if (event.shiftKey || event.ctrlKey || event.metaKey) return toggleInSelection(object.id);
        selectObject(object.id);
        centreOn(object.id);
      }}
    >
      <span>{row.number}</span>
      <span>{Math.round(row.area)}</span>
      <span>{row.vertices}</span>
      <span className="flags">
        {row.flags & 8 ? <span title="Outline crosses itself" className="flag-bad">⚠ crosses</span> : null}
        {row.pieces > 1 && <span title="In separate pieces: Shift+S splits them into objects" className="flag-bad">⚠ {row.pieces} pieces</span>}
        {object.hidden && <span title="Hidden (H)">hidden</span>}
        {object.locked && <span title="Locked (L)">locked</span>}
      </span>
    </div>
  );
});
