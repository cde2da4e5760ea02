import { useState } from 'react';
import type { ColorScheme } from '../core/colors';
import type { MaskFormat } from '../core/mask/exportMask';
import { exportImageCvat, exportImageMask, exportProjectCvat, exportProjectZip } from '../store/actions/exports';
import { closeExport } from '../store/actions/panels';
import { currentImage, useAppStore } from '../store/store';
import { Modal } from './Modal';

interface Choice {
  id: string;
  label: string;
  format: MaskFormat | 'cvat';
  scheme: ColorScheme;
}

const CHOICES: Choice[] = [
  { id: 'objects-random', label: '_objects.png, random colours (24-bit RGB, one colour per object)', format: 'objects', scheme: 'random' },
  { id: 'objects-voc', label: '_objects.png, CVAT / Pascal VOC colours by object number (as the dataset)', format: 'objects', scheme: 'voc' },
  { id: 'label16', label: '16-bit label PNG (0 background, 1..N; Cellpose, StarDist)', format: 'label16', scheme: 'random' },
  { id: 'label16-tiff', label: '16-bit label TIFF (0 background, 1..N)', format: 'label16-tiff', scheme: 'random' },
  { id: 'binary', label: 'Binary mask PNG (0 / 255)', format: 'binary', scheme: 'random' },
  { id: 'cvat', label: 'CVAT for images 1.1 XML (polygons)', format: 'cvat', scheme: 'random' },
];

/** Export of the open image or the whole project, and the report of the last export. */
export function ExportDialog() {
  const open = useAppStore((state) => state.exportOpen);
  const image = useAppStore(currentImage);
  const busy = useAppStore((state) => state.progress !== null);
  const report = useAppStore((state) => state.lastExport);
  const [choiceId, setChoiceId] = useState('objects-random');
  const [includeImages, setIncludeImages] = useState(false);
  const [onlyApproved, setOnlyApproved] = useState(false);
  if (!open) return null;
  const choice = CHOICES.find((candidate) => candidate.id === choiceId)!;

  const exportImage = () => (choice.format === 'cvat' ? exportImageCvat() : void exportImageMask(choice.format, choice.scheme));
  const exportProject = () =>
    choice.format === 'cvat' ? void exportProjectCvat(onlyApproved) : void exportProjectZip(choice.format, choice.scheme, includeImages, onlyApproved);

  return (
    <Modal title="Export" onClose={closeExport} testId="export-dialog">
      <fieldset className="choices">
        <legend>Format</legend>
        {CHOICES.map((candidate) => (
          <label key={candidate.id}>
            <input type="radio" name="export-format" checked={candidate.id === choiceId} onChange={() => setChoiceId(candidate.id)} />
            {candidate.label}
          </label>
        ))}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={includeImages} disabled={choice.format === 'cvat'} onChange={(event) => setIncludeImages(event.target.checked)} />
        Project ZIP: include the images beside their masks
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={onlyApproved} onChange={(event) => setOnlyApproved(event.target.checked)} />
        Project: only approved images
      </label>
      <p className="hint">
        The project ZIP holds <code>{'<split or all>/<name>_objects.png'}</code> for every image, and <code>review.json</code> (statuses, issues, submissions). Masks are computed from the polygons
        (pixel centre inside, higher objects win overlaps).
      </p>
      <div className="modal-buttons">
        <button type="button" disabled={!image || busy} onClick={exportImage}>
          Export this image
        </button>
        <button type="button" disabled={busy} onClick={exportProject}>
          {choice.format === 'cvat' ? 'Export project (XML)' : 'Export project (ZIP)'}
        </button>
      </div>
      {report && (
        <div className="export-report" role="status" data-testid="export-report">
          <strong>{report.fileName}</strong>: {report.objects} objects · {report.overlapPixels} overlapping pixels · {report.emptyObjects} objects without pixels
          {report.warnings.length > 0 && (
            <ul>
              {report.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Modal>
  );
}
