/// <reference lib="webworker" />
// Decodes and normalizes images off the main thread, so a large drop never freezes the app.
import { generateDemoImages } from '../core/demo';
import { prepareImage, prepareRaster, type PreparedImage } from '../core/intake';
import { sha256Hex } from '../io/sha256';
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
    const bytes = new Uint8Array(await file.arrayBuffer());
    const contentHash = await sha256Hex(bytes);
    const image = prepareImage(file.name, bytes);
    return { result: { ...image, contentHash }, transfer: transferables([image]) };
  },
  async demo() {
    const demos = generateDemoImages();
    const images = await Promise.all(
      demos.map(async (demo) => {
        const image = prepareRaster(demo.name, demo.raster, 'generated');
        return { ...image, contentHash: await sha256Hex(image.display.data) };
      }),
    );
    return { result: demos.map((demo, i) => ({ image: images[i], objects: demo.objects })), transfer: transferables(images) };
  },
});
