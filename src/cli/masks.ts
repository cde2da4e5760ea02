/**
 * Mask commands: `roundtrip` (import then export again, compare), `rasterize` (an annotation file
 * of many images, CVAT XML or COCO JSON, to one file per image in any per-image format of the
 * registry: masks, ImageJ ROI sets, …) and `vectorize` (mask files to such a collection file).
 * Results go to stdout as JSON.
 */
import { extname, join } from 'node:path';
import { ANNOTATION_FORMATS, exportFileName, imageFormatById, maskTargetBase, optionsWithDefaults } from '../core/interchange/registry';
import type { AnnotationFormat, CollectionFormat, InterchangeImage } from '../core/interchange/types';
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

/** The per-image formats `rasterize` writes (masks, ROI sets, …). */
const MASK_FORMATS = ANNOTATION_FORMATS.filter((format) => format.scope === 'image' && format.encode);
/** The formats holding many images in one file, told apart by extension: `rasterize` reads them, `vectorize` writes them. */
const COLLECTION_FORMATS = ANNOTATION_FORMATS.filter((format): format is CollectionFormat => format.scope === 'collection');
const COLLECTION_FILES = COLLECTION_FORMATS.map((format) => `annotations${format.extension}`).join('|');
const COLLECTION_NAMES = COLLECTION_FORMATS.map((format) => `${format.extension}: ${format.label}`).join('; ');

/** Each option the formats offer, as `--<option> <choice>`. */
function optionsOf(formats: readonly AnnotationFormat[]): Record<string, string[]> {
  return Object.fromEntries(formats.flatMap((format) => format.options).map((option) => [option.id, option.choices.map((choice) => choice.value)]));
}

function optionUsage(options: Record<string, string[]>): string {
  return Object.entries(options).map(([id, choices]) => ` [--${id} ${choices.join('|')}]`).join('');
}

/** The collection format of a file, by its extension; a usage error for any other file. */
function collectionFormatOf(path: string, can: 'decode' | 'encode'): CollectionFormat {
  const formats = COLLECTION_FORMATS.filter((candidate) => candidate[can]);
  const format = formats.find((candidate) => candidate.extension === extname(path).toLowerCase());
  if (!format) throw new UsageError(`${path}: the file name must end in ${formats.map((candidate) => candidate.extension).join(' or ')}`);
  return format;
}

const MASK_OPTIONS = optionsOf(MASK_FORMATS);
const COLLECTION_OPTIONS = optionsOf(COLLECTION_FORMATS.filter((format) => format.encode));

export const rasterizeCommand: CliCommand = {
  args: `<${COLLECTION_FILES}> --out <dir>${optionUsage(MASK_OPTIONS)} [--format ${MASK_FORMATS.map((format) => format.id).join('|')}]`,
  summary: `write one mask (or other per-image file, e.g. --format imagej-roi for <image>_rois.zip) per image of an annotation file (${COLLECTION_NAMES}) into <dir>; prints a JSON summary (objects, overlaps, empty objects, shapes and outlines left out)`,
  async run(args, io) {
    const { positional, options } = parseArgs(args, { out: null, format: MASK_FORMATS.map((format) => format.id), ...MASK_OPTIONS });
    if (positional.length !== 1) throw new UsageError(`rasterize needs 1 annotation file, got ${positional.length}`);
    if (!options.out) throw new UsageError('rasterize needs --out <dir>');
    const [input] = positional;
    const format = imageFormatById(options.format ?? 'objects');
    const decoded = collectionFormatOf(input, 'decode').decode!(input, await readInput(io, input));
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
  args: `<mask.png|mask.tif>... --out <${COLLECTION_FILES}>${optionUsage(COLLECTION_OPTIONS)} [--force]`,
  summary:
    `write the masks' objects to one annotation file, by the extension of --out (${COLLECTION_NAMES}); images are named after the masks ("a_objects.png" → "a.png"); ` +
    'prints a JSON summary (polygons: the rings of all objects; warnings: what the format could not hold as given); --force reads masks that look like anti-aliased pictures',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { out: null, force: FLAG, ...COLLECTION_OPTIONS });
    if (positional.length === 0) throw new UsageError('vectorize needs at least one mask file');
    if (!options.out) throw new UsageError(`vectorize needs --out <${COLLECTION_FILES}>`);
    const format = collectionFormatOf(options.out, 'encode');
    const images: InterchangeImage[] = [];
    for (const file of positional) {
      const mask = importMask(file, await readInput(io, file), undefined, 'simplified', options.force === 'true');
      images.push({ name: imageNameForMask(file), width: mask.width, height: mask.height, objects: mask.objects });
    }
    const { bytes, reports } = format.encode!(images, optionsWithDefaults(format, options));
    await writeOutput(io, options.out, bytes);
    const objects = images.reduce((sum, image) => sum + image.objects.length, 0);
    const polygons = images.reduce((sum, image) => sum + image.objects.reduce((n, object) => n + object.rings.length, 0), 0);
    const warnings = reports.flatMap((report) => report.warnings.map((warning) => `${report.image}: ${warning}`));
    io.stdout(JSON.stringify({ file: options.out, images: images.length, objects, polygons, warnings }));
    return 0;
  },
};

/** "x/a_objects.png" → "a.png": the image a mask belongs to, by the app's mask naming. */
function imageNameForMask(maskPath: string): string {
  const file = fileNameOf(maskPath);
  return `${maskTargetBase(file) ?? baseName(file)}.png`;
}
