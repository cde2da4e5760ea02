import type { DatasetLayoutId } from '../../core/interchange/datasetLayouts';
import { exportFileName, formatById, optionsWithDefaults } from '../../core/interchange/registry';
import type { FormatOptions, ImageReport } from '../../core/interchange/types';
import { downloadBlob, downloadBytes } from '../../io/downloads';
import { masksWorkers } from '../../workers/masksClient';
import { currentImage, getState, setState, type ExportReport } from '../store';
import { flushSaves } from './autosave';
import { describeFailure, notify } from './notices';
import { bringInFinished, runTask } from './tasks';

const WAITING = 'The export starts once the images and annotations being brought in are all in.';

/** The name of a project export: a ZIP of per-image files, or one file of a collection format. */
const PROJECT_ZIP = 'nuclei-masks.zip';

function report(fileName: string, reports: readonly ImageReport[], prefixImage: boolean): void {
  const lastExport: ExportReport = {
    fileName,
    objects: reports.reduce((n, r) => n + r.objects, 0),
    overlapPixels: reports.reduce((n, r) => n + r.overlapPixels, 0),
    emptyObjects: reports.reduce((n, r) => n + r.emptyObjects.length, 0),
    warnings: reports.flatMap((r) => r.warnings.map((warning) => (prefixImage ? `${r.image}: ${warning}` : warning))),
  };
  setState({ lastExport });
}

/** Downloads the open image's objects in a format of the registry; the report (overlaps, empty objects) is shown. */
export async function exportImage(formatId: string, options: FormatOptions = {}): Promise<void> {
  await bringInFinished(WAITING);
  const image = currentImage(getState());
  if (!image || getState().objectsImageId !== image.id) return; // its objects are still loading
  const format = formatById(formatId);
  const fileName = exportFileName(format, image.name);
  const objects = [...getState().objects.values()];
  try {
    const images = [{ name: image.name, width: image.width, height: image.height, split: image.split, objects }];
    const encoded = await masksWorkers.call('encode', { formatId, options: optionsWithDefaults(format, options), images });
    downloadBytes(encoded.bytes, fileName, format.mime);
    report(fileName, encoded.reports, false);
  } catch (error) {
    notify('error', describeFailure(fileName, error));
  }
}

/**
 * Downloads the whole project (or its approved images), made in a background worker straight
 * from storage one image at a time, with progress and Cancel: a ZIP of `<split or
 * all>/<name>_objects.png` (or the format's file, or a training layout's files) for per-image
 * formats, one file for CVAT XML.
 */
export async function exportProject(formatId: string, options: FormatOptions, includeImages: boolean, onlyApproved: boolean, layout: DatasetLayoutId = 'annotator'): Promise<void> {
  await bringInFinished(WAITING);
  await flushSaves();
  const format = formatById(formatId);
  const fileName = format.scope === 'image' ? PROJECT_ZIP : `annotations${format.extension}`;
  const body = { formatId, options: optionsWithDefaults(format, options), onlyApproved };
  const parts: Blob[] = [];
  try {
    await runTask('export', 'Exporting', async (task) => {
      const onProgress = (progress: { chunk: Uint8Array } | { done: number; total: number; current: string }) => {
        // Each chunk becomes a Blob at once, which the browser may keep on disk instead of in memory.
        if ('chunk' in progress) parts.push(new Blob([progress.chunk as BlobPart]));
        else task.report(progress.done, progress.total, progress.current);
      };
      const options = { signal: task.signal, onProgress, priority: 'background' as const };
      if (format.scope === 'image') {
        const entries = await masksWorkers.call('project-zip', { ...body, layout, includeImages }, options);
        downloadBlob(new Blob(parts, { type: 'application/zip' }), fileName);
        report(fileName, entries, true);
      } else {
        const encoded = await masksWorkers.call('project-file', body, options);
        downloadBytes(encoded.bytes, fileName, format.mime);
        report(fileName, encoded.reports, true);
      }
    });
  } catch (error) {
    notify('error', describeFailure(fileName, error));
  }
}
