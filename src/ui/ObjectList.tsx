import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { objectStats } from '../core/objectStats';
import { byZ, type AnnotationObject } from '../core/objects';
import { selectObject } from '../store/actions/annotations';
import { centreOn } from '../store/actions/objectCommands';
import { useAppStore } from '../store/store';

const ROW_HEIGHT = 26;
/** Rows rendered beyond the visible ones, so fast scrolling does not show gaps. */
const OVERSCAN = 8;

/**
 * The open image's objects, bottom to top (number = position in stacking order). Only the
 * visible rows are rendered, so thousands of objects scroll smoothly.
 */
export function ObjectList() {
  const objects = useAppStore((state) => state.objects);
  const selectedId = useAppStore((state) => state.selectedId);
  const hasImage = useAppStore((state) => state.objectsImageId !== null);
  const ordered = useMemo(() => byZ([...objects.values()]), [objects]);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(300);
  const scroller = useRef<HTMLDivElement>(null);
  const flagged = useMemo(() => ordered.filter((object) => objectStats(object).selfIntersecting).length, [ordered]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(ordered.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const selectedIndex = ordered.findIndex((object) => object.id === selectedId);

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

  return (
    <section className="panel object-panel" aria-label="Objects">
      <h2>
        Objects <span className="count" data-testid="object-count">{ordered.length}</span>
        {flagged > 0 && <span className="flag-count" title="Self-intersecting outlines">⚠ {flagged}</span>}
      </h2>
      <div className="object-header">
        <span>#</span>
        <span>area px</span>
        <span>vertices</span>
        <span>flags</span>
      </div>
      <div
        ref={(element) => {
          scroller.current = element;
          if (element && element.clientHeight !== height && element.clientHeight > 0) setHeight(element.clientHeight);
        }}
        className="object-scroller"
        role="listbox"
        aria-label="Objects of this image"
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <div style={{ height: ordered.length * ROW_HEIGHT, position: 'relative' }}>
          {ordered.slice(first, last).map((object, i) => (
            <ObjectRow key={object.id} object={object} number={first + i + 1} selected={object.id === selectedId} top={(first + i) * ROW_HEIGHT} />
          ))}
        </div>
      </div>
      {hasImage && ordered.length === 0 && <p className="hint">No objects yet. Press N and click around a nucleus.</p>}
    </section>
  );
}

const ObjectRow = memo(function ObjectRow(props: { object: AnnotationObject; number: number; selected: boolean; top: number }) {
  const { object, number, selected, top } = props;
  const stats = objectStats(object);
  return (
    <div
      role="option"
      aria-selected={selected}
      data-testid="object-row"
      className={selected ? 'object-row selected' : 'object-row'}
      style={{ top, height: ROW_HEIGHT }}
      onClick={() => {
        selectObject(object.id);
        centreOn(object.id);
      }}
    >
      <span>{number}</span>
      <span>{Math.round(stats.area)}</span>
      <span>{stats.vertices}</span>
      <span className="flags">
        {stats.selfIntersecting && <span title="Outline crosses itself" className="flag-bad">⚠ crosses</span>}
        {object.hidden && <span title="Hidden (H)">hidden</span>}
        {object.locked && <span title="Locked (L)">locked</span>}
      </span>
    </div>
  );
});
