import { useEffect, useMemo, useState } from 'react';
import type { MetricsSummary } from '../core/metrics/summary';
import { areaHistogram, f1Plot, plotToSvg, type Plot } from '../core/plots';
import { closeComparisonPage, compareProject, comparisonSources, downloadComparisonCsv, downloadPlot, type ComparisonSource, type PageFigures } from '../store/actions/comparisonPage';
import { describeFailure, notify } from '../store/actions/notices';
import { useAppStore } from '../store/store';
import { Modal } from './Modal';

const SUBMISSION = '\u0000submission';
const REFERENCE_COLOR = '#7aa2ff', CANDIDATE_COLOR = '#ffb347';
const decimal = (value: number) => value.toFixed(3);

type Row = MetricsSummary & { name: string };
const COLUMNS: Array<{ key: string; label: string; value: (row: Row) => number | string }> = [
  { key: 'name', label: 'image', value: (row) => row.name },
  { key: 'reference', label: 'reference', value: (row) => row.referenceObjects },
  { key: 'candidate', label: 'candidate', value: (row) => row.candidateObjects },
  { key: 'tp', label: 'TP @0.5', value: (row) => row.thresholds[0].tp },
  { key: 'fp', label: 'FP @0.5', value: (row) => row.thresholds[0].fp },
  { key: 'fn', label: 'FN @0.5', value: (row) => row.thresholds[0].fn },
  { key: 'f1', label: 'F1 @0.5', value: (row) => row.thresholds[0].f1 },
  { key: 'meanF1', label: 'mean F1', value: (row) => row.meanF1 },
  { key: 'meanAccuracy', label: 'mean accuracy', value: (row) => row.meanAccuracy },
  { key: 'iou', label: 'mean matched IoU', value: (row) => row.meanMatchedIoU },
  { key: 'splits', label: 'splits', value: (row) => row.splits },
  { key: 'merges', label: 'merges', value: (row) => row.merges },
];

/** A legend-sized name: long file names keep their start and end. */
function shortName(name: string): string {
  return name.length <= 28 ? name : `${name.slice(0, 12)}…${name.slice(-14)}`;
}

function cell(value: number | string): string {
  return typeof value === 'number' && !Number.isInteger(value) ? decimal(value) : String(value);
}

function PlotView({ plot, name }: { plot: Plot; name: string }) {
  return (
    <figure className="plot">
      {/* The SVG is made by core/plots.ts from numbers only; text is escaped there. */}
      <div data-testid={`plot-${name}`} dangerouslySetInnerHTML={{ __html: plotToSvg(plot) }} />
      <figcaption>
        <button type="button" onClick={() => void downloadPlot(plot, name, 'svg')}>SVG</button>
        <button type="button" onClick={() => void downloadPlot(plot, name, 'png')}>PNG</button>
      </figcaption>
    </figure>
  );
}

/** The project's images compared with a candidate set: a sortable table, F1 against IoU, object areas. */
export function ComparisonPage() {
  const open = useAppStore((state) => state.comparisonPageOpen);
  const [sources, setSources] = useState<string[]>([]);
  const [source, setSource] = useState(SUBMISSION);
  const [figures, setFigures] = useState<PageFigures | null | undefined>(undefined); // undefined: not measured yet
  const [sort, setSort] = useState({ key: 'name', descending: false });
  useEffect(() => {
    if (!open) return;
    void comparisonSources().then((names) => {
      setSources(names);
      if (names.length) setSource(names[0]);
    });
  }, [open]);
  useEffect(() => {
    if (!open) return;
    let current = true;
    setFigures(undefined);
    const chosen: ComparisonSource = source === SUBMISSION ? { kind: 'submission' } : { kind: 'layer', name: source };
    compareProject(chosen)
      .then((result) => current && setFigures(result))
      .catch((error) => notify('error', describeFailure('Comparison', error)));
    return () => {
      current = false;
    };
  }, [open, source]);
  const rows = useMemo(() => {
    if (!figures) return [];
    const column = COLUMNS.find((candidate) => candidate.key === sort.key)!;
    const sorted = [...figures.images].sort((a, b) => {
      const x = column.value(a), y = column.value(b);
      return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    });
    return sort.descending ? sorted.reverse() : sorted;
  }, [figures, sort]);
  if (!open) return null;
  const candidateName = shortName(source === SUBMISSION ? 'submission' : source);
  return (
    <Modal title="Compare annotations" onClose={closeComparisonPage} testId="comparison-page">
      <label>
        The images’ objects (reference) against{' '}
        <select value={source} onChange={(event) => setSource(event.target.value)} aria-label="Candidate">
          {sources.map((name) => (
            <option key={name} value={name}>
              reference layer {name}
            </option>
          ))}
          <option value={SUBMISSION}>each image’s last submission</option>
        </select>
      </label>
      {figures === undefined && <p>Measuring…</p>}
      {figures === null && <p>No image has this candidate.</p>}
      {figures && (
        <>
          <p data-testid="comparison-pooled">
            {figures.images.length === 1 ? 'The one image' : `All ${figures.images.length} images`}: F1 at IoU 0.5 <strong data-testid="pooled-f1">{decimal(figures.pooled.thresholds[0].f1)}</strong>, mean F1{' '}
            {decimal(figures.pooled.meanF1)}, mean accuracy {decimal(figures.pooled.meanAccuracy)}, mean matched IoU {decimal(figures.pooled.meanMatchedIoU)}; objects under 200 px: F1 at 0.5{' '}
            {decimal(figures.pooled.small.thresholds[0].f1)}
            {figures.notCompared.length > 0 && ` (${figures.notCompared.length} images without it left out)`}
          </p>
          <div className="plots">
            <PlotView name="f1-by-iou" plot={f1Plot([{ name: `all images against ${candidateName}`, color: CANDIDATE_COLOR, points: figures.pooled.thresholds.map((t) => [t.iou, t.f1]) }])} />
            <PlotView
              name="object-areas"
              plot={areaHistogram([
                { name: 'reference', color: REFERENCE_COLOR, areas: figures.areas.reference },
                { name: candidateName, color: CANDIDATE_COLOR, areas: figures.areas.candidate },
              ])}
            />
          </div>
          <button type="button" onClick={() => downloadComparisonCsv(figures)}>
            Download the table (CSV)
          </button>
          <div className="table-scroll">
            <table className="dashboard-table" data-testid="comparison-table">
              <thead>
                <tr>
                  {COLUMNS.map((column) => (
                    <th key={column.key} aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                      <button type="button" className="link-button" onClick={() => setSort({ key: column.key, descending: sort.key === column.key && !sort.descending })}>
                        {column.label}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    {COLUMNS.map((column) => (
                      <td key={column.key}>{cell(column.value(row))}</td>
                    ))}
                  </tr>
                ))}
                <tr className="pooled-row">
                  {COLUMNS.map((column) => (
                    <td key={column.key}>{column.key === 'name' ? 'all images' : cell(column.value({ ...figures.pooled, name: 'all images' }))}</td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
        </>
      )}
    </Modal>
  );
}
