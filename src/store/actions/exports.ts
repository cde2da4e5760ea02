import type { ColorScheme } from '../../core/colors';
import { cvatImageFromObjects } from '../../core/cvat/convert';
import { writeCvatXml, type CvatImage } from '../../core/cvat/cvatXml';
import { maskFileName, type MaskFormat } from '../../core/mask/exportMask';
import { NUCLEUS_LABEL } from '../../core/objects';
import { baseName } from '../../core/paths';
import { loadImageRecords, loadObjects } from '../../io/db';
import { downloadBlob, downloadBytes } from '../../io/downloads';
import { exportMaskInWorker, projectZipInWorker } from '../../workers/masksClient';
import { currentImage, getState, setState, type ExportReport } from '../store';
import { flushSaves } from './autosave';
import { describeFailure, notify } from './notices';

const MIME: Record<MaskFormat, string> = { objects: 'image/png', label16: 'image/png', 'label16-tiff': 'image/tiff', binary: 'image/png' };

/** Downloads the open image's mask in `format`; the report (overlaps, empty objects) is shown. */
export async function exportImageMask(format: MaskFormat, scheme: ColorScheme): Promise<void> {
  const image = currentImage(getState());
  if (!image || getState().objectsImageId !== image.id) return; // its objects are still loading
  const objects = [...getState().objects.values()];
  const fileName = maskFileName(image.name, format);
  try {
    const mask = await exportMaskInWorker({ format, scheme, imageName: image.name, width: image.width, height: image.height, shapes: objects });
    downloadBytes(mask.bytes, fileName, MIME[format]);
    report({ fileName, objects: objects.length, overlapPixels: mask.report.overlapPixels, emptyObjects: mask.report.emptyObjects.length, warnings: mask.warnings });
  } catch (error) {
    notify('error', describeFailure(fileName, error));
  }
}

function report(exportReport: ExportReport): void {
  setState({ lastExport: exportReport });
}

function cvatImage(id: number, image: { name: string; width: number; height: number; split?: string }, objects: Parameters<typeof cvatImageFromObjects>[1]): CvatImage {
  return cvatImageFromObjects({ id, name: image.name, width: image.width, height: image.height, subset: image.split }, objects);
}

/** Downloads the open image's objects as CVAT for images 1.1 XML. */
export function exportImageCvat(): void {
  const image = currentImage(getState());
  if (!image || getState().objectsImageId !== image.id) return; // its objects are still loading
  const xml = writeCvatXml([cvatImage(0, image, [...getState().objects.values()])], { labels: [NUCLEUS_LABEL] });
  const fileName = `${baseName(image.name)}_annotations.xml`;
  downloadBytes(new TextEncoder().encode(xml), fileName, 'application/xml');
  report({ fileName, objects: getState().objects.size, overlapPixels: 0, emptyObjects: 0, warnings: [] });
}

/** Downloads every image's objects as one CVAT XML file (images matched by name on import). */
export async function exportProjectCvat(onlyApproved: boolean): Promise<void> {
  await flushSaves();
  const images = (await loadImageRecords()).filter((image) => !onlyApproved || image.status === 'approved');
  const cvatImages = await Promise.all(images.map(async (image, id) => cvatImage(id, image, await loadObjects(image.id))));
  const xml = writeCvatXml(cvatImages, { labels: [NUCLEUS_LABEL] });
  downloadBytes(new TextEncoder().encode(xml), 'annotations.xml', 'application/xml');
  report({ fileName: 'annotations.xml', objects: cvatImages.reduce((n, image) => n + image.polygons.length, 0), overlapPixels: 0, emptyObjects: 0, warnings: [] });
}

/**
 * Downloads the whole project as a ZIP of masks (`<split or all>/<name>_objects.png`), made in
 * the background worker straight from storage, one image at a time, with progress.
 */
export async function exportProjectZip(format: MaskFormat, scheme: ColorScheme, includeImages: boolean, onlyApproved: boolean): Promise<void> {
  await flushSaves();
  const parts: Blob[] = [];
  setState({ progress: { verb: 'Exporting', done: 0, total: getState().images.length, current: '' } });
  try {
    const entries = await projectZipInWorker(
      { format, scheme, includeImages, onlyApproved },
      // Each chunk becomes a Blob at once, which the browser may keep on disk instead of in memory.
      (chunk) => parts.push(new Blob([chunk as BlobPart])),
      (done, total, current) => setState({ progress: { verb: 'Exporting', done, total, current } }),
    );
    downloadBlob(new Blob(parts, { type: 'application/zip' }), 'nuclei-masks.zip');
    report({
      fileName: 'nuclei-masks.zip',
      objects: entries.reduce((n, entry) => n + entry.objects, 0),
      overlapPixels: entries.reduce((n, entry) => n + entry.overlapPixels, 0),
      emptyObjects: entries.reduce((n, entry) => n + entry.emptyObjects.length, 0),
      warnings: entries.flatMap((entry) => entry.warnings.map((warning) => `${entry.image}: ${warning}`)),
    });
  } catch (error) {
    notify('error', describeFailure('nuclei-masks.zip', error));
  } finally {
    setState({ progress: null });
  }
}
