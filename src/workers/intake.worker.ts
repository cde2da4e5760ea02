/// <reference lib="webworker" />
// Decodes and normalizes images off the main thread, so a large drop never freezes the app.
import { generateDemoImages } from '../core/demo';
import { prepareImage, prepareRaster, type PreparedImage } from '../core/intake';
import type { IntakeProtocol } from './intakeProtocol';
import { serveJobs } from './rpc';

declare const self: DedicatedWorkerGlobalScope;

/** Every raster's buffer, so the images move to the main thread without a copy. */
function transferables(images: PreparedImage[]): ArrayBuffer[] {
  return images.flatMap((image) =>
    [image.display.data, image.original?.data, image.thumbnail.data]
      .filter((data) => data !== undefined)
      .map((data) => data.buffer as ArrayBuffer),
  );
}

serveJobs<IntakeProtocol>(self, {
  async file(file) {
    const image = prepareImage(file.name, new Uint8Array(await file.arrayBuffer()));
    return { result: image, transfer: transferables([image]) };
  },
  demo() {
    const demos = generateDemoImages();
    const images = demos.map((demo) => prepareRaster(demo.name, demo.raster, 'generated'));
    return { result: demos.map((demo, i) => ({ image: images[i], objects: demo.objects })), transfer: transferables(images) };
  },
});
