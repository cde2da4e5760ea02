/// <reference lib="webworker" />
// Annotation files off the main thread: reading masks and CVAT XML, writing masks, and the
// project exports and the dashboard's corrections read straight from storage.
import { encodePng } from '../core/formats/png';
import { formatById, imageFormatById } from '../core/interchange/registry';
import type { InterchangeImage } from '../core/interchange/types';
import { writeDatasetZip, type DatasetImage } from '../core/mask/datasetZip';
import type { ImageRecord } from '../core/project';
import { compareObjects } from '../core/review/changes';
import { maskPixelChange } from '../core/review/pixelChange';
import { loadImageRecords, loadIssues, loadLayerNames, loadLayers, loadObjects, loadPixels, loadSnapshots, loadSource } from '../io/db';
import { compareShapes } from '../core/metrics/compareShapes';
import { summarize } from '../core/metrics/summary';
import type { ComparisonSource, Corrections, ExportProgress, MasksProtocol, ProjectComparison } from './masksProtocol';
import { abortError, serveJobs, type JobContext } from './rpc';
import { exportBundle, readBundle, readBundleEntry } from './bundleJobs';

declare const self: DedicatedWorkerGlobalScope;

/** The images a project export covers, in list order. */
async function exportedImages(onlyApproved: boolean): Promise<ImageRecord[]> {
  return (await loadImageRecords()).filter((image) => !onlyApproved || image.status === 'approved');
}

/** The project's images one at a time, read from storage only when the export needs them. */
async function* projectImages(images: ImageRecord[], includeImages: boolean, job: JobContext<ExportProgress>): AsyncGenerator<DatasetImage> {
  for (const [index, image] of images.entries()) {
    if (job.signal.aborted) throw abortError();
    job.progress({ done: index, total: images.length, current: image.name });
    let bytes: Uint8Array | undefined;
    let name = image.name;
    if (includeImages) {
      const source = await loadSource(image.id);
      if (source) bytes = new Uint8Array(await source.blob.arrayBuffer());
      else {
        // Generated images have no file of their own: include what is shown, as PNG.
        const pixels = await loadPixels(image.id);
        if (pixels) bytes = encodePng(pixels.display);
        name = `${image.name}.png`;
      }
    }
    yield { name, split: image.split, width: image.width, height: image.height, objects: await loadObjects(image.id), image: bytes };
  }
  job.progress({ done: images.length, total: images.length, current: '' });
}

/** Statuses, issues with their threads, and submission snapshots of the exported images. */
async function reviewRecords(images: ImageRecord[]) {
  return Promise.all(
    images.map(async (image) => ({
      image: image.name,
      status: image.status,
      statusHistory: image.statusHistory,
      issues: await loadIssues(image.id),
      submissions: await loadSnapshots(image.id),
    })),
  );
}

/** Compares each image's objects with its last submission: changed objects and mask pixels. */
/** Every image's objects (the reference) against the source, read straight from storage. */
async function compareProject(source: ComparisonSource, job: JobContext<{ done: number; total: number }>): Promise<ProjectComparison> {
  const result: ProjectComparison = { images: [], notCompared: [] };
  const images = await loadImageRecords();
  for (const [index, image] of images.entries()) {
    if (job.signal.aborted) throw abortError();
    job.progress({ done: index, total: images.length });
    const candidate =
      source.kind === 'submission' ? (await loadSnapshots(image.id)).at(-1)?.objects : (await loadLayers(image.id)).find((layer) => layer.name === source.name)?.objects;
    if (!candidate) {
      result.notCompared.push(image.name);
      continue;
    }
    const { counts, areas } = compareShapes(await loadObjects(image.id), candidate, image.width, image.height);
    result.images.push({ id: image.id, name: image.name, counts, areas });
  }
  return result;
}

async function corrections(job: JobContext<{ done: number; total: number }>): Promise<Corrections> {
  const result: Corrections = {};
  const images = await loadImageRecords();
  for (const [index, image] of images.entries()) {
    if (job.signal.aborted) throw abortError();
    job.progress({ done: index, total: images.length });
    const snapshot = (await loadSnapshots(image.id)).at(-1);
    if (!snapshot) {
      result[image.id] = null;
      continue;
    }
    const objects = await loadObjects(image.id);
    const changes = compareObjects(snapshot.objects, objects);
    const { share } = maskPixelChange(snapshot.objects, objects, image.width, image.height);
    // The submission as the candidate, the reviewer's version as the reference.
    const figures = summarize(compareShapes(objects, snapshot.objects, image.width, image.height).counts);
    result[image.id] = {
      added: changes.added.length,
      removed: changes.removed.length,
      reshaped: changes.reshaped.length,
      pixelShare: share,
      f1: figures.thresholds[0].f1,
      meanMatchedIoU: figures.meanMatchedIoU,
    };
  }
  return result;
}

serveJobs<MasksProtocol>(self, {
  decode({ formatId, fileName, bytes, expected, force }) {
    const format = formatById(formatId);
    if (!format.decode) throw new Error(`${fileName}: ${format.label} cannot be read`);
    return { result: format.scope === 'image' ? format.decode(fileName, bytes, expected, force) : format.decode(fileName, bytes) };
  },
  encode({ formatId, options, images }) {
    const format = formatById(formatId);
    if (!format.encode) throw new Error(`${format.label} cannot be written`);
    const encoded = format.scope === 'image' ? format.encode(images[0], options) : format.encode(images, options);
    return { result: encoded, transfer: [encoded.bytes.buffer as ArrayBuffer] };
  },
  async 'project-zip'({ formatId, options, layout, includeImages, onlyApproved }, job) {
    const images = await exportedImages(onlyApproved);
    const entries = await writeDatasetZip(projectImages(images, includeImages, job), (chunk) => job.progress({ chunk }), {
      layout,
      format: imageFormatById(formatId),
      formatOptions: options,
      extraFiles: async () => [{ path: 'review.json', bytes: new TextEncoder().encode(JSON.stringify(await reviewRecords(images), null, 1)) }],
    });
    return { result: entries };
  },
  async 'project-file'({ formatId, options, onlyApproved }, job) {
    const format = formatById(formatId);
    if (format.scope !== 'collection' || !format.encode) throw new Error(`${format.label} does not hold a whole project in one file`);
    const images: InterchangeImage[] = [];
    for await (const image of projectImages(await exportedImages(onlyApproved), false, job)) images.push(image);
    const encoded = format.encode(images, options);
    return { result: encoded, transfer: [encoded.bytes.buffer as ArrayBuffer] };
  },
  async 'bundle-export'(body, job) {
    return { result: await exportBundle(body, job) };
  },
  async 'bundle-read'(body, job) {
    return { result: await readBundle(body, job) };
  },
  async 'bundle-entry'(body) {
    const bytes = await readBundleEntry(body);
    return { result: bytes, transfer: [bytes.buffer as ArrayBuffer] };
  },
  async corrections(_body, job) {
    return { result: await corrections(job) };
  },
  async compareProject({ source }, job) {
    return { result: await compareProject(source, job) };
  },
  async comparisonSources() {
    return { result: await loadLayerNames() };
  },
});
