/**
 * Mask commands: `roundtrip` (import then export again, compare), `rasterize` (CVAT XML to mask
 * files) and `vectorize` (mask files to CVAT XML). Results go to stdout as JSON.
 */
import { join } from 'node:path';
import { cvatImageFromObjects, objectsFromCvatImage } from '../core/cvat/convert';
import { parseCvatXml, writeCvatXml, type CvatImage } from '../core/cvat/cvatXml';
import { exportMask, maskFileName, MASK_SUFFIXES, type MaskFormat } from '../core/mask/exportMask';
import { importMask } from '../core/mask/importMask';
import { roundTripMask } from '../core/mask/roundTrip';
import { maskTargetBase } from '../core/maskNames';
import { baseName, fileNameOf } from '../core/paths';
import { parseArgs } from './args';
import { UsageError, type CliCommand } from './command';
import { makeOutputDir, readInput, writeOutput } from './files';

export const roundtripCommand: CliCommand = {
  args: '<mask.png|mask.tif>...',
  summary: 'import each mask to objects, export again, compare: one JSON line per file; exit 0 only when all are identical',
  async run(args, io) {
    if (args.length === 0) throw new UsageError('roundtrip needs at least one mask file');
    let allIdentical = true;
    for (const file of args) {
      try {
        const result = roundTripMask(file, await readInput(io, file));
        io.stdout(JSON.stringify({ file, ...result }));
        allIdentical &&= result.mismatchedPixels === 0 && result.identicalObjects === result.objects;
      } catch (error) {
        io.stderr(error instanceof Error ? error.message : String(error)); // go on with the others
        allIdentical = false;
      }
    }
    return allIdentical ? 0 : 1;
  },
};

const FORMATS = Object.keys(MASK_SUFFIXES) as MaskFormat[];

export const rasterizeCommand: CliCommand = {
  args: `<annotations.xml> --out <dir> [--colors random|voc] [--format ${FORMATS.join('|')}]`,
  summary: 'write one mask per image of a CVAT XML file into <dir>; prints a JSON summary (objects, overlaps, empty objects)',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { out: null, colors: ['random', 'voc'], format: FORMATS });
    if (positional.length !== 1) throw new UsageError(`rasterize needs 1 annotation file, got ${positional.length}`);
    if (!options.out) throw new UsageError('rasterize needs --out <dir>');
    const [input] = positional;
    const format = (options.format ?? 'objects') as MaskFormat;
    const annotations = parseCvatXml(input, new TextDecoder().decode(await readInput(io, input)));
    const names = annotations.images.map((image) => maskFileName(image.name, format));
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice) throw new Error(`${input}: two images would both be written as ${twice} (same file name in different folders?)`);
    await makeOutputDir(io, options.out);
    const images: Array<{ name: string; output: string; objects: number; overlapPixels: number; emptyObjects: number[]; warnings: string[] }> = [];
    for (const [i, image] of annotations.images.entries()) {
      const objects = objectsFromCvatImage(image);
      const mask = exportMask(format, objects, image.width, image.height, { scheme: options.colors === 'voc' ? 'voc' : 'random', imageName: image.name });
      const output = join(options.out, names[i]);
      await writeOutput(io, output, mask.bytes);
      // Empty objects by their number in z-order (1 = bottom), as a user would count them.
      images.push({ name: image.name, output, objects: objects.length, overlapPixels: mask.report.overlapPixels, emptyObjects: mask.report.emptyObjects.map((k) => objects[k].z), warnings: mask.warnings });
    }
    const total = (key: 'objects' | 'overlapPixels') => images.reduce((sum, image) => sum + image[key], 0);
    io.stdout(JSON.stringify({
      file: input,
      images: images.length,
      objects: total('objects'),
      overlapPixels: total('overlapPixels'),
      emptyObjects: images.reduce((sum, image) => sum + image.emptyObjects.length, 0),
      skippedShapes: annotations.skipped,
      perImage: images,
    }));
    return 0;
  },
};

export const vectorizeCommand: CliCommand = {
  args: '<mask.png|mask.tif>... --out <annotations.xml>',
  summary: 'write CVAT for images 1.1 XML with one polygon per ring of every object; images are named after the masks ("a_objects.png" → "a.png")',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { out: null });
    if (positional.length === 0) throw new UsageError('vectorize needs at least one mask file');
    if (!options.out) throw new UsageError('vectorize needs --out <annotations.xml>');
    const images: CvatImage[] = [];
    for (const [id, file] of positional.entries()) {
      const mask = importMask(file, await readInput(io, file));
      images.push(cvatImageFromObjects({ id, name: imageNameForMask(file), width: mask.width, height: mask.height }, mask.objects));
    }
    await writeOutput(io, options.out, writeCvatXml(images));
    const objects = images.reduce((sum, image) => sum + new Set(image.polygons.map((p) => p.z)).size, 0);
    io.stdout(JSON.stringify({ file: options.out, images: images.length, objects, polygons: images.reduce((sum, image) => sum + image.polygons.length, 0) }));
    return 0;
  },
};

/** "x/a_objects.png" → "a.png": the image a mask belongs to, by the app's mask naming. */
function imageNameForMask(maskPath: string): string {
  const file = fileNameOf(maskPath);
  return `${maskTargetBase(file) ?? baseName(file)}.png`;
}
