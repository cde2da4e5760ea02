/// <reference lib="webworker" />
// Finding nuclei off the main thread: the nucleus model (onnxruntime-web) or the classical
// pipeline over an image read from storage, outlines traced exactly, and the one-click tool's
// answers from the same result, kept for the last images.
import { ringsOfRegion } from '../core/mask/regions';
import { detectObjects, type SessionRunner } from '../core/model/runtime';
import { regionAt } from '../core/model/regionAt';
import type { Raster8 } from '../core/raster';
import { segmentClassical } from '../core/segment/classical';
import type { Instances } from '../core/segment/labels';
import { outlineInstances } from '../core/segment/outlines';
import { loadPixels } from '../io/db';
import { TILED_PIXELS, TILED_SIDE } from '../core/tiles';
import { loadBrowserRunner } from './modelSession';
import type { DetectMethod, SegmentProtocol } from './segmentProtocol';
import { serveJobs } from './rpc';

declare const self: DedicatedWorkerGlobalScope;

/** Detector output kept per image and method; the oldest goes past this many. */
const KEPT = 3;
const kept = new Map<string, { image: Raster8; instances: Instances }>();
let runner: Promise<SessionRunner> | null = null;

async function analysed(imageId: string, method: DetectMethod, appUrl: string, signal: AbortSignal) {
  const key = `${method}:${imageId}`;
  const known = kept.get(key);
  if (known) return known;
  const pixels = await loadPixels(imageId);
  if (!pixels) throw new Error('the image is no longer in the project');
  // A tiled image (over 16384 px a side or 64 MP) is never held whole; detection needs it whole.
  if (pixels.tiled) throw new Error(`detection works on images up to ${TILED_SIDE} px a side and ${TILED_PIXELS / 2 ** 20} MP; this one is ${pixels.tiled.width} x ${pixels.tiled.height}`);
  const image = pixels.display;
  let instances: Instances;
  if (method === 'classical') instances = segmentClassical(image);
  else {
    runner ??= loadBrowserRunner(appUrl).catch((error) => {
      runner = null; // a later call may try again
      throw error;
    });
    instances = (await detectObjects(await runner, image, { signal })).instances;
  }
  kept.set(key, { image, instances });
  if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
  return { image, instances };
}

serveJobs<SegmentProtocol>(self, {
  async detect({ imageId, method, appUrl }, job) {
    const { instances } = await analysed(imageId, method, appUrl, job.signal);
    return { result: outlineInstances(instances).map(({ rings, area, confidence }) => ({ rings, area, confidence })) };
  },
  async click({ imageId, method, appUrl, x, y }, job) {
    const { image, instances } = await analysed(imageId, method, appUrl, job.signal);
    const region = regionAt(instances, image, x, y);
    if (!region) return { result: null };
    const confidence = region.source === 'detected' ? instances.confidence[region.label - 1] : 0;
    return { result: { rings: ringsOfRegion(region, image), area: region.area, confidence, source: region.source } };
  },
});
