import { useEffect, useMemo, useRef, useState } from 'react';
import { STATUSES } from '../core/review/status';
import { loadDashboardDetails, type DashboardDetails } from '../store/actions/dashboard';
import { closeDashboard } from '../store/actions/panels';
import { openImage } from '../store/actions/project';
import { useAppStore } from '../store/store';
import { ActionButton } from './ActionButton';
import { Modal } from './Modal';
import { useVirtualRows } from './useVirtualRows';

/** Height of a table row in CSS pixels (styles.css has it too): only the rows in view are drawn. */
const ROW_HEIGHT = 26;
/** The header row's height, above the first image's row. */
const HEAD_HEIGHT = 28;

/** Review overview: images per status, open issues, objects, and the reviewer's corrections. */
export function Dashboard() {
  const open = useAppStore((state) => state.dashboardOpen);
  return open ? <DashboardDialog /> : null;
}

function DashboardDialog() {
  const images = useAppStore((state) => state.images);
  // Every image is listed at once; open issues and corrections follow when measured.
  const [details, setDetails] = useState<DashboardDetails | null>(null);
  useEffect(() => {
    let current = true;
    void loadDashboardDetails().then((loaded) => current && setDetails(loaded));
    return () => {
      current = false;
    };
  }, [images]);
  const counts = useMemo(() => STATUSES.map((status) => ({ status, count: images.filter((image) => image.status === status).length })), [images]);
  const scroller = useRef<HTMLDivElement>(null);
  const { first, last } = useVirtualRows(scroller, images.length, ROW_HEIGHT, HEAD_HEIGHT);
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
      <div className="dashboard-scroller" ref={scroller}>
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
            {first > 0 && <tr aria-hidden style={{ height: first * ROW_HEIGHT }} />}
            {images.slice(first, last).map((image) => {
              const corrections = details ? (details.corrections[image.id] ?? null) : undefined; // undefined: still measuring; null: never submitted
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
            {last < images.length && <tr aria-hidden style={{ height: (images.length - last) * ROW_HEIGHT }} />}
          </tbody>
        </table>
      </div>
      <div className="modal-buttons">
        <ActionButton id="comparison-page" />
        <button type="button" onClick={closeDashboard}>
          Close
        </button>
      </div>
    </Modal>
  );
}
