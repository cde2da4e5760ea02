import { useState } from 'react';
import { removeSmallPiecesOfSelection, simplifySelection } from '../store/actions/corrections';
import { useAppStore } from '../store/store';
import { ActionButton } from './ActionButton';

/** Correction tools on the selected objects; each is one undo step. */
export function CorrectPanel() {
  const selected = useAppStore((state) => state.selectedIds.length);
  const radius = useAppStore((state) => state.brush.radius);
  const [minPixels, setMinPixels] = useState(20);
  const [tolerance, setTolerance] = useState(1);
  if (!useAppStore((state) => state.objectsImageId !== null)) return null;
  return (
    <section className="panel" aria-label="Correct">
      <h2>
        Correct <span className="count">{selected ? `${selected} selected` : ''}</span>
      </h2>
      <div className="panel-buttons">
        <ActionButton id="brush" />
        <ActionButton id="eraser" />
        <span className="hint" data-testid="brush-size">
          {radius} px ([ ])
        </span>
      </div>
      <div className="panel-buttons">
        <ActionButton id="merge" />
        <ActionButton id="split-pieces" />
        <ActionButton id="cut" />
        <ActionButton id="grow" />
        <ActionButton id="shrink" />
        <ActionButton id="fill-holes" />
      </div>
      <div className="panel-buttons">
        <label className="inline-field">
          Remove pieces under <input type="number" aria-label="Smallest piece kept, pixels" min={1} value={minPixels} onChange={(event) => setMinPixels(Math.max(1, Number(event.target.value)))} /> px
        </label>
        <button type="button" disabled={!selected} onClick={() => removeSmallPiecesOfSelection(minPixels)}>
          Remove
        </button>
      </div>
      <div className="panel-buttons">
        <label className="inline-field" title="Fewer vertices; the outline may move by up to this distance, so pixels may change">
          Simplify within <input type="number" aria-label="Simplify tolerance, pixels" min={0.1} step={0.1} value={tolerance} onChange={(event) => setTolerance(Math.max(0.1, Number(event.target.value)))} /> px
        </label>
        <button type="button" disabled={!selected} onClick={() => simplifySelection(tolerance)}>
          Simplify
        </button>
      </div>
    </section>
  );
}
