/**
 * `detect`: finds the nuclei of images and writes them as `_objects.png` masks (CVAT / Pascal
 * VOC palette by object number, as the dataset's files), with the shipped model or the
 * classical pipeline. One JSON line per image on stdout: file, objects, ms (decode to mask
 * bytes, the model load excluded).
 */
import { join } from 'node:path';
import { prepareImage } from '../core/intake';
import { exportFileName, formatById } from '../core/interchange/registry';
import { exportObjectsPng } from '../core/mask/exportMask';
import { detectObjects, type SessionRunner } from '../core/model/runtime';
import { fileNameOf } from '../core/paths';
import { segmentClassical } from '../core/segment/classical';
import { outlineInstances } from '../core/segment/outlines';
import { parseArgs } from './args';
import { UsageError, type CliCommand } from './command';
import { makeOutputDir, readInput, writeOutput } from './files';
import { loadOnnxRunner, MODEL_PATH } from './onnxSession';

export const detectCommand: CliCommand = {
  args: '<image>... --out <dir> [--method model|classical] [--model <file.onnx>]',
  summary: 'find the nuclei of each image (shipped model by default) and write <dir>/<name>_objects.png; one JSON line per image (file, objects, ms)',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { out: null, method: ['model', 'classical'], model: null });
    if (positional.length === 0) throw new UsageError('detect needs at least one image');
    if (!options.out) throw new UsageError('detect needs --out <dir>');
    if (options.model && options.method === 'classical') throw new UsageError('--model applies to --method model only');
    const outputs = positional.map((file) => exportFileName(formatById('objects'), fileNameOf(file)));
    const twice = outputs.find((name, i) => outputs.indexOf(name) !== i);
    if (twice) throw new UsageError(`two images would both be written as ${twice}`);
    const runner: SessionRunner | null = options.method === 'classical' ? null : await loadOnnxRunner(options.model ?? MODEL_PATH);
    await makeOutputDir(io, options.out);
    let failed = false;
    for (const [i, file] of positional.entries()) {
      try {
        const bytes = await readInput(io, file);
        const start = performance.now();
        const image = prepareImage(file, bytes).display;
        const instances = runner ? (await detectObjects(runner, image)).instances : segmentClassical(image);
        const mask = exportObjectsPng(outlineInstances(instances), image.width, image.height, { scheme: 'voc', imageName: fileNameOf(file) });
        const ms = Math.round(performance.now() - start);
        await writeOutput(io, join(options.out, outputs[i]), mask.bytes);
        io.stdout(JSON.stringify({ file, objects: instances.count, ms }));
      } catch (error) {
        io.stderr(error instanceof Error ? error.message : String(error)); // go on with the others
        failed = true;
      }
    }
    return failed ? 1 : 0;
  },
};
