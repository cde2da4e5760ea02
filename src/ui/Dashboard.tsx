import { useEffect, useState } from 'react';
import { STATUSES } from '../core/review/status';
import { loadIssues } from '../io/db';
import { correctionsInWorker } from '../workers/masksClient';
import { closeDashboard } from '../store/actions/panels';
import { openImage } from '../store/actions/project';
import { flushSaves } from '../store/actions/autosave';
import { useAppStore } from '../store/store';
import { Modal } from './Modal';

interface Row {
  id: string;
  name: string;
  status: string;
  objects: number;
  openIssues: number;
  /** Corrections since the last submission; null when never submitted. */
  corrections: { added: number; removed: number; reshaped: number; pixelShare: number } | null;
}

/** Reads every image's open issues, and has the worker measure the corrections since submission. */
async function loadRows(images: ReturnType<typeof useAppStore.getState>['images']): Promise<Row[]> {
  await flushSaves();
  const [issues, corrections] = await Promise.all([loadIssues(), correctionsInWorker()]);
  return images.map((image) => ({
    id: image.id,
    name: image.name,
    status: image.status,
    objects: image.objectCount,
    openIssues: issues.filter((issue) => issue.imageId === image.id && issue.status === 'open').length,
    corrections: corrections[image.id] ?? null,
  }));
}

/** Review overview: images per status, open issues, objects, and the reviewer's corrections. */
export function Dashboard() {
  const open = useAppStore((state) => state.dashboardOpen);
  const images = useAppStore((state) => state.images);
  const [rows, setRows] = useState<Row[] | null>(null);
  useEffect(() => {
    if (!open) return setRows(null);
    let current = true;
    void loadRows(images).then((loaded) => current && setRows(loaded));
    return () => {
      current = false;
    };
  }, [open, images]);
  if (!open) return null;
  const counts = STATUSES.map((status) => ({ status, count: images.filter((image) => image.status === status).length }));
  return (
    <Modal title="Review dashboard" onClose={closeDashboard} testId="dashboard">
      <div className="status-counts">
        {counts.map(({ status, count }) => (
          <div key={status} data-testid={`count-${status}`}>
            <span className={`status-badge status-${status.replace(' ', '-')}`}>{status}</span> {count}
          </div>
        ))}
        <div data-testid="count-open-issues">open issues {rows ? rows.reduce((n, row) => n + row.openIssues, 0) : '…'}</div>
      </div>
      <table className="dashboard-table">
        <thead>
          <tr>
            <th>image</th>
            <th>status</th>
            <th>objects</th>
            <th>open issues</th>
            <th title="Since the last submission">added</th>
            <th>removed</th>
            <th>reshaped</th>
            <th title="Share of mask pixels (of those in either version) that changed since the last submission">pixels changed</th>
          </tr>
        </thead>
        <tbody>
          {(rows ?? []).map((row) => (
            <tr key={row.id} data-testid="dashboard-row" onClick={() => void openImage(row.id).then(closeDashboard)}>
              <td>{row.name}</td>
              <td>{row.status}</td>
              <td>{row.objects}</td>
              <td>{row.openIssues}</td>
              <td>{row.corrections?.added ?? '–'}</td>
              <td>{row.corrections?.removed ?? '–'}</td>
              <td>{row.corrections?.reshaped ?? '–'}</td>
              <td>{row.corrections ? `${(row.corrections.pixelShare * 100).toFixed(2)} %` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="modal-buttons">
        <button type="button" onClick={closeDashboard}>
          Close
        </button>
      </div>
    </Modal>
  );
}
