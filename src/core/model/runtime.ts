/**
 * Running the nucleus network on a whole image, independent of where it runs: the caller
 * injects a SessionRunner (onnxruntime in Node: src/cli/onnxSession.ts; in the browser, a Web
 * Worker's binding), so core stays free of the library, the DOM and the file system.
 */
import type { Raster8 } from '../raster';
import type { Instances } from '../segment/labels';
import { labelInstances, type LabelParams } from './instances';
import { modelInput } from './normalize';
import { crop, padImage, padTo, pasteCore, planTiles } from './tiling';

/** The network's input height and width must be multiples of this (four 2x poolings). */
export const MODEL_STRIDE = 16;

/** Path of the shipped weights below the app's public folder (served from its own origin). */
export const MODEL_FILE = 'models/nuclei.onnx';

/**
 * One network pass. `input` is [1, 1, height, width] row-major (height and width multiples of
 * MODEL_STRIDE, values from modelInput); resolves to [1, 2, height, width]: channel 0 the
 * foreground probability, channel 1 the normalized distance to the object's edge, both in [0, 1].
 */
export interface SessionRunner {
  run(input: Float32Array, height: number, width: number): Promise<Float32Array>;
}

/** The network's output for a whole image, row-major, width x height, values in [0, 1]. */
export interface ModelMaps {
  width: number;
  height: number;
  /** Probability that the pixel belongs to an object. */
  foreground: Float32Array;
  /** Distance from the pixel centre to its object's edge over the object's largest: peaks at 1. */
  distance: Float32Array;
}

export interface PredictOptions {
  /**
   * Largest tile side, pixels, before rounding up to MODEL_STRIDE (default 1152: a 1104 x 1104
   * image is one pass; memory for one pass grows with its area).
   */
  maxTile?: number;
  /** Context read around each tile's core, pixels (default 48). */
  margin?: number;
  /** Checked between tiles; an aborted signal rejects with its reason. */
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

/** Runs the network over `image` tile by tile and stitches the output maps. */
export async function predictMaps(runner: SessionRunner, image: Raster8, options: PredictOptions = {}): Promise<ModelMaps> {
  const { maxTile = 1152, margin = 48, signal, onProgress } = options;
  const { width, height } = image;
  const paddedWidth = padTo(width, MODEL_STRIDE);
  const padded = padImage(modelInput(image), width, height, paddedWidth, padTo(height, MODEL_STRIDE));
  const foreground = new Float32Array(width * height), distance = new Float32Array(width * height);
  const tiles = planTiles(width, height, maxTile, margin, MODEL_STRIDE);
  for (const [i, tile] of tiles.entries()) {
    signal?.throwIfAborted();
    const w = tile.input.x1 - tile.input.x0, h = tile.input.y1 - tile.input.y0;
    const output = await runner.run(crop(padded, paddedWidth, tile.input), h, w);
    if (output.length !== 2 * w * h) throw new Error(`the model returned ${output.length} values for a ${w} x ${h} input (expected ${2 * w * h})`);
    pasteCore(output, 0, tile, foreground, width);
    pasteCore(output, 1, tile, distance, width);
    onProgress?.(i + 1, tiles.length);
  }
  return { width, height, foreground, distance };
}

/** The model's objects in `image`: maps, then labelling once on the stitched maps. */
export async function detectObjects(runner: SessionRunner, image: Raster8, options: PredictOptions & { label?: Partial<LabelParams> } = {}): Promise<{ maps: ModelMaps; instances: Instances }> {
  const maps = await predictMaps(runner, image, options);
  return { maps, instances: labelInstances(maps, options.label) };
}
