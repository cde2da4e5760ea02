import { compareWithLayer, setComparisonThreshold } from '../store/actions/comparison';
import { removeReferenceLayer, toggleReferenceLayers } from '../store/actions/layers';
import { IOU_THRESHOLDS } from '../core/metrics/scores';
import { summarize } from '../core/metrics/summary';
import { useAppStore, type ComparisonView } from '../store/store';
import { ActionButton } from './ActionButton';
import { COMPARISON_COLORS } from '../canvas/ComparisonShape';

/** The open image's reference layers: read-only objects from files, shown beside its own, and compared with them. */
export function LayersPanel() {
  const layers = useAppStore((state) => state.layers);
  const shown = useAppStore((state) => state.layersShown);
  const comparison = useAppStore((state) => state.comparison);
  if (layers.length === 0) return null;
  return (
    <section className="panel" aria-label="Reference layers">
      <h2>Reference layers</h2>
      <label className="checkbox">
        <input type="checkbox" checked={shown} onChange={toggleReferenceLayers} /> Show (dashed cyan, read-only)
      </label>
      <ul className="layer-list">
        {layers.map((layer) => (
          <li key={layer.id} data-testid="reference-layer">
            <span title={layer.name}>{layer.name}</span> <span className="hint">{layer.objects.length} objects</span>
            <button
              type="button"
              aria-pressed={comparison?.layerId === layer.id}
              title="Compare the image's objects (the reference) with this layer"
              onClick={() => compareWithLayer(comparison?.layerId === layer.id ? null : layer.id)}
            >
              Compare
            </button>
            <button type="button" className="icon-button" aria-label={`Remove the reference layer ${layer.name}`} onClick={() => void removeReferenceLayer(layer.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {comparison && <ComparisonFigures comparison={comparison} />}
    </section>
  );
}

const decimal = (value: number) => value.toFixed(3);

function ComparisonFigures({ comparison }: { comparison: ComparisonView }) {
  const { result, threshold } = comparison;
  const summary = summarize(result.counts);
  const at = summary.thresholds.find((row) => Math.abs(row.iou - threshold) < 1e-9)!;
  return (
    <div className="comparison" data-testid="comparison">
      <label>
        IoU at least{' '}
        <select value={threshold} onChange={(event) => setComparisonThreshold(Number(event.target.value))} aria-label="IoU threshold">
          {IOU_THRESHOLDS.map((t) => (
            <option key={t} value={t}>
              {t.toFixed(2)}
            </option>
          ))}
        </select>
      </label>
      <ul className="comparison-legend">
        <li><span className="swatch" style={{ background: COMPARISON_COLORS.matched }} /> matched {result.matched.length}</li>
        <li><span className="swatch" style={{ background: COMPARISON_COLORS.missed }} /> missed {result.missed.length}</li>
        <li><span className="swatch" style={{ background: COMPARISON_COLORS.extra }} /> extra {result.extra.length}</li>
      </ul>
      <div>
        F1 <strong data-testid="comparison-f1">{decimal(at.f1)}</strong>, precision {decimal(at.precision)}, recall {decimal(at.recall)}, accuracy {decimal(at.accuracy)}
      </div>
      <div className="hint">
        mean F1 over 0.5 … 0.95 {decimal(summary.meanF1)}, mean matched IoU {decimal(summary.meanMatchedIoU)}; {summary.splits} split, {summary.merges} merged
      </div>
      <ActionButton id="next-comparison-error" />
    </div>
  );
}
