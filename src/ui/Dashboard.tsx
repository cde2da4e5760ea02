import { useEffect, useState } from 'react';
import { STATUSES } from '../core/review/status';
import { loadDashboardDetails, type DashboardDetails } from '../store/actions/dashboard';
import { closeDashboard } from '../store/actions/panels';
import { openImage } from '../store/actions/project';
import { useAppStore } from '../store/store';
import { ActionButton } from './ActionButton';
import { Modal } from './Modal';

/** Review overview: images per status, open issues, objects, and the reviewer's corrections. */
export function Dashboard() {
  const open = useAppStore((state) => state.dashboardOpen);
  const images = useAppStore((state) => state.images);
  // Every image is listed at once; open issues and corrections follow when measured.
  const [details, setDetails] = useState<DashboardDetails | null>(null);
  useEffect(() => {
    if (!open) return setDetails(null);
    let current = true;
    void loadDashboardDetails().then((loaded) => current && setDetails(loaded));
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
        <div data-testid="count-open-issues">open issues {details ? Object.values(details.openIssues).reduce((n, count) => n + count, 0) : '…'}</div>
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
            <th title="The submission scored against the current (reviewed) objects: F1 at IoU 0.5">F1 of submission</th>
            <th title="Mean IoU of the submission's objects matched to the current ones">matched IoU</th>
          </tr>
        </thead>
        <tbody>
          {images.map((image) => {
            const corrections = details ? details.corrections[image.id] : undefined; // undefined: still measuring
            const shown = (value: number | undefined) => (corrections === undefined ? '…' : (value ?? '–'));
            return (
              <tr key={image.id} data-testid="dashboard-row" onClick={() => void openImage(image.id).then(closeDashboard)}>
                <td title={image.name}>{image.name}</td>
                <td>{image.status}</td>
                <td>{image.objectCount}</td>
                <td>{details ? (details.openIssues[image.id] ?? 0) : '…'}</td>
                <td>{shown(corrections?.added)}</td>
                <td>{shown(corrections?.removed)}</td>
                <td>{shown(corrections?.reshaped)}</td>
                <td>{corrections === undefined ? '…' : corrections ? `${(corrections.pixelShare * 100).toFixed(2)} %` : '–'}</td>
                <td data-testid="submission-f1">{corrections === undefined ? '…' : corrections ? corrections.f1.toFixed(3) : '–'}</td>
                <td>{corrections === undefined ? '…' : corrections ? corrections.meanMatchedIoU.toFixed(3) : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="modal-buttons">
        <ActionButton id="comparison-page" />
        <button type="button" onClick={closeDashboard}>
          Close
        </button>
      </div>
    </Modal>
  );
}
