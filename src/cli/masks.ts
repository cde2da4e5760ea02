/**
 * Mask commands: `roundtrip` (import then export again, compare), `rasterize` (CVAT XML to mask
 * files or ImageJ ROI sets, any per-image format of the registry) and `vectorize` (mask files to
 * CVAT XML). Results go to stdout as JSON.
 */
import { join } from 'node:path';
import { cvatXml } from '../core/interchange/cvatXml';
import { ANNOTATION_FORMATS, exportFileName, imageFormatById, maskTargetBase, optionsWithDefaults } from '../core/interchange/registry';
import type { InterchangeImage } from '../core/interchange/types';
import { importMask, TRACE_MODES, type TraceMode } from '../core/mask/importMask';
import { roundTripMask } from '../core/mask/roundTrip';
import { baseName, fileNameOf } from '../core/paths';
import { FLAG, parseArgs } from './args';
import { UsageError, type CliCommand } from './command';
import { makeOutputDir, readInput, writeOutput } from './files';

export const roundtripCommand: CliCommand = {
  args: `<mask.png|mask.tif>... [--trace ${TRACE_MODES.join('|')}] [--force]`,
  summary: 'import each mask to objects (outlines simplified by default, or exact-dense), export again, compare: one JSON line per file; exit 0 only when all are identical; --force reads masks that look like anti-aliased pictures',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { trace: TRACE_MODES, force: FLAG });
    if (positional.length === 0) throw new UsageError('roundtrip needs at least one mask file');
    const trace = (options.trace ?? 'simplified') as TraceMode;
    let allIdentical = true;
    for (const file of positional) {
      try {
        const result = roundTripMask(file, await readInput(io, file), trace, options.force === 'true');
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

/** The per-image formats the CLI can write (masks, ROI sets), and each option they offer as `--<option> <choice>`. */
const MASK_FORMATS = ANNOTATION_FORMATS.filter((format) => format.scope === 'image' && format.encode).map((format) => format.id);
const FORMAT_OPTIONS = Object.fromEntries(ANNOTATION_FORMATS.flatMap((format) => format.options).map((option) => [option.id, option.choices.map((choice) => choice.value)]));
const OPTION_USAGE = Object.entries(FORMAT_OPTIONS).map(([id, choices]) => ` [--${id} ${choices.join('|')}]`).join('');

export const rasterizeCommand: CliCommand = {
  args: `<annotations.xml> --out <dir>${OPTION_USAGE} [--format ${MASK_FORMATS.join('|')}]`,
  summary: 'write one mask (or other per-image file, e.g. --format imagej-roi for <image>_rois.zip) per image of a CVAT XML file into <dir>; prints a JSON summary (objects, overlaps, empty objects, shapes and outlines left out)',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { out: null, format: MASK_FORMATS, ...FORMAT_OPTIONS });
    if (positional.length !== 1) throw new UsageError(`rasterize needs 1 annotation file, got ${positional.length}`);
    if (!options.out) throw new UsageError('rasterize needs --out <dir>');
    const [input] = positional;
    const format = imageFormatById(options.format ?? 'objects');
    const decoded = cvatXml.decode!(input, await readInput(io, input));
    const names = decoded.images.map((image) => exportFileName(format, image.name!));
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice) throw new Error(`${input}: two images would both be written as ${twice} (same file name in different folders?)`);
    await makeOutputDir(io, options.out);
    const formatOptions = optionsWithDefaults(format, options);
    const images: Array<{ name: string; output: string; objects: number; overlapPixels: number; emptyObjects: number[]; warnings: string[] }> = [];
    for (const [i, image] of decoded.images.entries()) {
      const { bytes, reports } = format.encode!({ ...image, name: image.name! }, formatOptions);
      const output = join(options.out, names[i]);
      await writeOutput(io, output, bytes);
      // Empty objects by their number in z-order (1 = bottom), as a user would count them.
      const [report] = reports;
      images.push({ name: image.name!, output, objects: report.objects, overlapPixels: report.overlapPixels, emptyObjects: report.emptyObjects.map((k) => image.objects[k].z), warnings: report.warnings });
    }
    const total = (key: 'objects' | 'overlapPixels') => images.reduce((sum, image) => sum + image[key], 0);
    io.stdout(JSON.stringify({
      file: input,
      images: images.length,
      objects: total('objects'),
      overlapPixels: total('overlapPixels'),
      emptyObjects: images.reduce((sum, image) => sum + image.emptyObjects.length, 0),
      skippedShapes: decoded.skipped,
      droppedOutlines: decoded.droppedOutlines,
      perImage: images,
    }));
    return 0;
  },
};

export const vectorizeCommand: CliCommand = {
  args: '<mask.png|mask.tif>... --out <annotations.xml> [--force]',
  summary: 'write CVAT for images 1.1 XML with one polygon per ring of every object; images are named after the masks ("a_objects.png" → "a.png"); --force reads masks that look like anti-aliased pictures',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { out: null, force: FLAG });
    if (positional.length === 0) throw new UsageError('vectorize needs at least one mask file');
    if (!options.out) throw new UsageError('vectorize needs --out <annotations.xml>');
    const images: InterchangeImage[] = [];
    for (const file of positional) {
      const mask = importMask(file, await readInput(io, file), undefined, 'simplified', options.force === 'true');
      images.push({ name: imageNameForMask(file), width: mask.width, height: mask.height, objects: mask.objects });
    }
    await writeOutput(io, options.out, cvatXml.encode!(images, {}).bytes);
    const objects = images.reduce((sum, image) => sum + image.objects.length, 0);
    const polygons = images.reduce((sum, image) => sum + image.objects.reduce((n, object) => n + object.rings.length, 0), 0);
    io.stdout(JSON.stringify({ file: options.out, images: images.length, objects, polygons }));
    return 0;
  },
};

/** "x/a_objects.png" → "a.png": the image a mask belongs to, by the app's mask naming. */
function imageNameForMask(maskPath: string): string {
  const file = fileNameOf(maskPath);
  return `${maskTargetBase(file) ?? baseName(file)}.png`;
}
