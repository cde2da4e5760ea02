import { useState } from 'react';
import { DATASET_LAYOUTS, type DatasetLayoutId } from '../core/interchange/datasetLayouts';
import { ANNOTATION_FORMATS, optionsWithDefaults } from '../core/interchange/registry';
import { exportBundle } from '../store/actions/bundles';
import { exportImage, exportProject } from '../store/actions/exports';
import { closeExport } from '../store/actions/panels';
import { currentImage, useAppStore } from '../store/store';
import { Modal } from './Modal';

const EXPORT_FORMATS = ANNOTATION_FORMATS.filter((format) => format.encode);

/** Export of the open image or the whole project in any format of the registry, and the report of the last export. */
export function ExportDialog() {
  const open = useAppStore((state) => state.exportOpen);
  const image = useAppStore(currentImage);
  const busy = useAppStore((state) => state.tasks.some((task) => task.kind === 'export'));
  const report = useAppStore((state) => state.lastExport);
  const selected = useAppStore((state) => state.imageSelection.length);
  const hasImages = useAppStore((state) => state.images.length > 0);
  const [formatId, setFormatId] = useState(EXPORT_FORMATS[0].id);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [layoutId, setLayoutId] = useState<DatasetLayoutId>('annotator');
  const [includeImages, setIncludeImages] = useState(false);
  const [onlyApproved, setOnlyApproved] = useState(false);
  if (!open) return null;
  const format = EXPORT_FORMATS.find((candidate) => candidate.id === formatId)!;
  const options = optionsWithDefaults(format, chosen);
  const perImage = format.scope === 'image';
  const layout = DATASET_LAYOUTS.find((candidate) => candidate.id === layoutId)!;
  // Training layouts pair every image with its mask, so their images always go in.
  const withImages = includeImages || layout.withImages;

  return (
    <Modal title="Export" onClose={closeExport} testId="export-dialog">
      <fieldset className="choices">
        <legend>Format</legend>
        {EXPORT_FORMATS.map((candidate) => (
          <label key={candidate.id}>
            <input type="radio" name="export-format" checked={candidate.id === formatId} onChange={() => setFormatId(candidate.id)} />
            {candidate.label}
          </label>
        ))}
      </fieldset>
      {format.options.map((option) => (
        <fieldset key={option.id} className="choices">
          <legend>{option.label}</legend>
          {option.choices.map((choice) => (
            <label key={choice.value}>
              <input type="radio" name={`export-${option.id}`} checked={options[option.id] === choice.value} onChange={() => setChosen({ ...chosen, [option.id]: choice.value })} />
              {choice.label}
            </label>
          ))}
        </fieldset>
      ))}
      <fieldset className="choices" disabled={!perImage}>
        <legend>Project ZIP layout</legend>
        {DATASET_LAYOUTS.map((candidate) => (
          <label key={candidate.id}>
            <input type="radio" name="export-layout" checked={candidate.id === layoutId} onChange={() => setLayoutId(candidate.id)} />
            {candidate.label}
          </label>
        ))}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={withImages} disabled={!perImage || layout.withImages} onChange={(event) => setIncludeImages(event.target.checked)} />
        Project ZIP: include the images beside their masks
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={onlyApproved} onChange={(event) => setOnlyApproved(event.target.checked)} />
        Project: only approved images
      </label>
      <p className="hint">
        The project ZIP holds each image's files in its split's folder (<code>all</code> without one) as the layout names them, and <code>review.json</code> (statuses, issues, submissions); the
        training layouts write 16-bit label TIFF masks whatever the format. Masks are computed from the polygons (pixel centre inside, higher objects win overlaps).
      </p>
      <div className="modal-buttons">
        <button type="button" disabled={!image || busy} onClick={() => void exportImage(format.id, options)}>
          Export this image
        </button>
        <button type="button" disabled={busy} onClick={() => void exportProject(format.id, options, withImages, onlyApproved, layout.id)}>
          {perImage ? 'Export project (ZIP)' : `Export project (${format.extension.slice(1).toUpperCase()})`}
        </button>
        <button type="button" onClick={closeExport}>
          Close
        </button>
      </div>
      <fieldset className="choices bundle-export" data-testid="bundle-export">
        <legend>Project bundle (backup)</legend>
        <p className="hint">
          Everything in one ZIP: original files, objects with ids and versions, statuses and history, submissions, issues, display settings, splits. Drop it on the app in another
          browser (or this one, to restore); images already there are merged, not duplicated.
        </p>
        <div className="modal-buttons">
          <button type="button" disabled={busy || !hasImages} onClick={() => void exportBundle('project')}>
            Export bundle: whole project
          </button>
          <button type="button" disabled={busy || !image} onClick={() => void exportBundle('selected')}>
            {selected > 1 ? `Export bundle: ${selected} selected images` : 'Export bundle: this image'}
          </button>
        </div>
      </fieldset>
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
