import type { ImageRecord } from '../../core/project';
import { loadIssues } from '../../io/db';
import type { Corrections } from '../../workers/masksProtocol';
import { masksWorkers } from '../../workers/masksClient';
import { flushSaves } from './autosave';

/** One image's line of the review dashboard. */
export interface DashboardRow {
  id: string;
  name: string;
  status: string;
  objects: number;
  openIssues: number;
  /** Corrections since the last submission; null when never submitted. */
  corrections: Corrections[string];
}

/** Every image's open issues, and the corrections since submission measured in a background worker. */
export async function loadDashboardRows(images: readonly ImageRecord[]): Promise<DashboardRow[]> {
  await flushSaves();
  const [issues, corrections] = await Promise.all([loadIssues(), masksWorkers.call('corrections', null, { priority: 'background' })]);
  return images.map((image) => ({
    id: image.id,
    name: image.name,
    status: image.status,
    objects: image.objectCount,
    openIssues: issues.filter((issue) => issue.imageId === image.id && issue.status === 'open').length,
    corrections: corrections[image.id] ?? null,
  }));
}
