import { loadIssues } from '../../io/db';
import type { Corrections } from '../../workers/masksProtocol';
import { masksWorkers } from '../../workers/masksClient';
import { flushSaves } from './autosave';

/** What the dashboard adds to the image list: open issues and corrections since submission, per image id. */
export interface DashboardDetails {
  openIssues: Record<string, number>;
  /** Null for an image never submitted. */
  corrections: Corrections;
}

/** Every image's open issues, and the corrections since submission measured in a background worker. */
export async function loadDashboardDetails(): Promise<DashboardDetails> {
  await flushSaves();
  const [issues, corrections] = await Promise.all([loadIssues(), masksWorkers.call('corrections', null, { priority: 'background' })]);
  const openIssues: Record<string, number> = {};
  for (const issue of issues) if (issue.status === 'open') openIssues[issue.imageId] = (openIssues[issue.imageId] ?? 0) + 1;
  return { openIssues, corrections };
}
