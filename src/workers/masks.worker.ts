/// <reference lib="webworker" />
// Mask work off the main thread: tracing imported masks, rasterizing and encoding exports, keeping
// each image's current mask in storage, and streaming the project ZIP straight from storage.
import { encodePng } from '../core/formats/png';
import { writeDatasetZip, type DatasetImage } from '../core/mask/datasetZip';
import { exportMask, exportObjectsPng } from '../core/mask/exportMask';
import { importMask } from '../core/mask/importMask';
import { loadImageRecord, loadImageRecords, loadIssues, loadObjects, loadPixels, loadSnapshots, loadSource, saveMask } from '../io/db';
import type { ImageRecord } from '../io/schema';
import { compareObjects } from '../core/review/changes';
import { maskPixelChange } from '../core/review/pixelChange';
import type { Corrections, MasksRequest, ZipProgress } from './masksProtocol';
import { serveRequests } from './rpc';

declare const self: DedicatedWorkerGlobalScope;

/** Recomputes and stores the `_objects.png` of an image from its stored objects. */
async function refreshMask(imageId: string): Promise<void> {
  const image = await loadImageRecord(imageId);
  if (!image) return;
  const objects = await loadObjects(imageId);
  const mask = exportObjectsPng(objects, image.width, image.height, { scheme: 'random', imageName: image.name });
  await saveMask({
    imageId,
    bytes: mask.bytes,
    objectCount: objects.length,
    overlapPixels: mask.report.overlapPixels,
    emptyObjects: mask.report.emptyObjects.length,
    warnings: mask.warnings,
    objectsUpdatedAt: objects.reduce((newest, object) => Math.max(newest, object.updatedAt), 0),
  });
}

/** The project's images one at a time, read from storage only when the ZIP needs them. */
async function* projectImages(images: ImageRecord[], includeImages: boolean, progress: (p: ZipProgress) => void): AsyncGenerator<DatasetImage> {
  for (const [index, image] of images.entries()) {
    progress({ done: index, total: images.length, current: image.name });
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
  progress({ done: images.length, total: images.length, current: '' });
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
async function corrections(): Promise<Corrections> {
  const result: Corrections = {};
  for (const image of await loadImageRecords()) {
    const snapshot = (await loadSnapshots(image.id)).at(-1);
    if (!snapshot) {
      result[image.id] = null;
      continue;
    }
    const objects = await loadObjects(image.id);
    const changes = compareObjects(snapshot.objects, objects);
    const { share } = maskPixelChange(snapshot.objects, objects, image.width, image.height);
    result[image.id] = { added: changes.added.length, removed: changes.removed.length, reshaped: changes.reshaped.length, pixelShare: share };
  }
  return result;
}

serveRequests<MasksRequest>(self, async (request, progress) => {
  switch (request.kind) {
    case 'import-mask':
      return { result: importMask(request.fileName, request.bytes, request.expected) };
    case 'export-mask': {
      const mask = exportMask(request.format, request.shapes, request.width, request.height, { scheme: request.scheme, imageName: request.imageName });
      return { result: mask, transfer: [mask.bytes.buffer as ArrayBuffer] };
    }
    case 'refresh-mask':
      await refreshMask(request.imageId);
      return { result: null };
    case 'corrections':
      return { result: await corrections() };
    case 'project-zip': {
      const send = (p: ZipProgress) => progress(p);
      const images = (await loadImageRecords()).filter((image) => !request.onlyApproved || image.status === 'approved');
      const entries = await writeDatasetZip(projectImages(images, request.includeImages, send), (chunk) => send({ chunk }), {
        format: request.format,
        scheme: request.scheme,
        extraFiles: async () => [{ path: 'review.json', bytes: new TextEncoder().encode(JSON.stringify(await reviewRecords(images), null, 1)) }],
      });
      return { result: entries };
    }
  }
});
