import { useEffect, useState } from 'react';
import { STATUSES } from '../core/review/status';
import { loadDashboardRows, type DashboardRow } from '../store/actions/dashboard';
import { closeDashboard } from '../store/actions/panels';
import { openImage } from '../store/actions/project';
import { useAppStore } from '../store/store';
import { Modal } from './Modal';

/** Review overview: images per status, open issues, objects, and the reviewer's corrections. */
export function Dashboard() {
  const open = useAppStore((state) => state.dashboardOpen);
  const images = useAppStore((state) => state.images);
  const [rows, setRows] = useState<DashboardRow[] | null>(null);
  useEffect(() => {
    if (!open) return setRows(null);
    let current = true;
    void loadDashboardRows(images).then((loaded) => current && setRows(loaded));
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
