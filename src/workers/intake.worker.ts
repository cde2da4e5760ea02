/// <reference lib="webworker" />
// Decodes and normalizes images off the main thread, so a large drop never freezes the app.
import { generateDemoImages } from '../core/demo';
import { prepareImage, prepareRaster, type PreparedImage } from '../core/intake';
import type { IntakeRequest } from './intakeProtocol';
import { serveRequests } from './rpc';

declare const self: DedicatedWorkerGlobalScope;

async function prepare(request: IntakeRequest): Promise<PreparedImage[]> {
  if (request.kind === 'demo') {
    return generateDemoImages().map((demo) => prepareRaster(demo.name, demo.raster, 'generated'));
  }
  const bytes = new Uint8Array(await request.file.arrayBuffer());
  return [prepareImage(request.file.name, bytes)];
}

function transferables(images: PreparedImage[]): ArrayBuffer[] {
  return images.flatMap((image) =>
    [image.display.data, image.original?.data, image.thumbnail.data]
      .filter((data) => data !== undefined)
      .map((data) => data.buffer as ArrayBuffer),
  );
}

serveRequests<IntakeRequest>(self, async (request) => {
  const images = await prepare(request);
  return { result: images, transfer: transferables(images) };
});
