/**
 * The project's comparison page: every image's objects (the reference) against a candidate set
 * (reference layers of one name, or each image's last submission), measured in a background
 * worker from storage; figures per image and pooled, and downloads of the table and the plots.
 */
import { poolCounts } from '../../core/metrics/scores';
import { summarize, type MetricsSummary } from '../../core/metrics/summary';
import { plotToSvg, type Plot } from '../../core/plots';
import { downloadBlob, downloadBytes } from '../../io/downloads';
import { plotToPng } from '../../io/plotImage';
import { masksWorkers } from '../../workers/masksClient';
import type { ComparisonSource, ProjectComparison } from '../../workers/masksProtocol';

export type { ComparisonSource };
import { setState } from '../store';

/** Opens the page (from the dashboard, which it replaces on screen). */
export function openComparisonPage(): void {
  setState({ comparisonPageOpen: true, dashboardOpen: false });
}

export function closeComparisonPage(): void {
  setState({ comparisonPageOpen: false });
}

export interface PageFigures {
  pooled: MetricsSummary;
  images: Array<MetricsSummary & { id: string; name: string }>;
  areas: { reference: number[]; candidate: number[] };
  notCompared: string[];
}

/** Names of the project's reference layers, to compare with. */
export function comparisonSources(): Promise<string[]> {
  return masksWorkers.call('comparisonSources', null, { priority: 'interactive' });
}

export async function compareProject(source: ComparisonSource): Promise<PageFigures | null> {
  const result: ProjectComparison = await masksWorkers.call('compareProject', { source }, { priority: 'interactive' });
  if (result.images.length === 0) return null;
  return {
    pooled: summarize(poolCounts(result.images.map((image) => image.counts))),
    images: result.images.map((image) => ({ id: image.id, name: image.name, ...summarize(image.counts) })),
    areas: { reference: result.images.flatMap((image) => image.areas.reference), candidate: result.images.flatMap((image) => image.areas.candidate) },
    notCompared: result.notCompared,
  };
}

const CSV_COLUMNS = ['image', 'iou', 'tp', 'fp', 'fn', 'precision', 'recall', 'f1', 'accuracy'] as const;

/** One row per image and IoU threshold, then the pooled rows ("all images"). */
export function comparisonCsv(figures: PageFigures): string {
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const rows = [...figures.images, { ...figures.pooled, name: 'all images' }].flatMap((image) =>
    image.thresholds.map((t) => [quote(image.name), t.iou, t.tp, t.fp, t.fn, t.precision, t.recall, t.f1, t.accuracy].join(',')),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\n') + '\n';
}

export function downloadComparisonCsv(figures: PageFigures): void {
  downloadBytes(new TextEncoder().encode(comparisonCsv(figures)), 'comparison.csv', 'text/csv');
}

export async function downloadPlot(plot: Plot, name: string, as: 'svg' | 'png'): Promise<void> {
  if (as === 'svg') downloadBytes(new TextEncoder().encode(plotToSvg(plot)), `${name}.svg`, 'image/svg+xml');
  else downloadBlob(await plotToPng(plot), `${name}.png`);
}
