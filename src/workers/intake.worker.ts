/// <reference lib="webworker" />
// Decodes and normalizes images off the main thread, so a large drop never freezes the app.
import { generateDemoImages } from '../core/demo';
import { prepareRaster, type PreparedImage } from '../core/intake';
import { isTiled, prepareImageFile } from '../core/tiledIntake';
import { deleteTiles, putTiles } from '../io/db';
import { sha256Hex } from '../io/sha256';
import type { IntakeProtocol } from './intakeProtocol';
import { abortError, serveJobs } from './rpc';

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
  async file({ file, id }, job) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const contentHash = await sha256Hex(bytes);
    try {
      const image = await prepareImageFile(file.name, bytes, async (tiles) => {
        if (job.signal.aborted) throw abortError();
        await putTiles(id, tiles);
      });
      if (isTiled(image)) return { result: { ...image, contentHash }, transfer: [image.thumbnail.data.buffer as ArrayBuffer, image.histogram.buffer as ArrayBuffer] };
      return { result: { ...image, contentHash }, transfer: transferables([image]) };
    } catch (error) {
      await deleteTiles(id).catch(() => {}); // none were written for most failures
      throw error;
    }
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
