/**
 * `convert <file>... --to <format> --out <path> [--size WxH]`: annotation files from any format
 * the registry reads to any it writes. Files of one image (masks, GeoJSON, ROI sets, OME-Zarr)
 * are named after their image ("a_rois.zip" → "a.png"); collection files (CVAT XML, COCO JSON)
 * name their images. The output is one file for a collection format, else a folder with one
 * file per image. `--size` gives the image size where a file does not hold it (an ROI set).
 */
import { join } from 'node:path';
import { ANNOTATION_FORMATS, exportFileName, formatById, importFormatOf, maskTargetBase, optionsWithDefaults } from '../core/interchange/registry';
import type { InterchangeImage } from '../core/interchange/types';
import { baseName, fileNameOf } from '../core/paths';
import { parseArgs } from './args';
import { UsageError, type CliCommand, type CliIo } from './command';
import { makeOutputDir, readInput, writeOutput } from './files';

const WRITABLE = ANNOTATION_FORMATS.filter((format) => format.encode).map((format) => format.id);

export const convertCommand: CliCommand = {
  args: `<file>... --to <${WRITABLE.join('|')}> --out <file or dir> [--size WxH]`,
  summary: 'convert annotation files between any two formats of the registry (one output file for CVAT XML or COCO JSON, else one per image in <dir>); prints a JSON summary',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { to: WRITABLE, out: null, size: null });
    if (positional.length === 0) throw new UsageError('convert needs at least one annotation file');
    if (!options.to || !options.out) throw new UsageError('convert needs --to <format> and --out <path>');
    const size = options.size ? parseSize(options.size) : undefined;
    const images = (await Promise.all(positional.map((file) => readImages(io, file, size)))).flat();
    const format = formatById(options.to);
    const formatOptions = optionsWithDefaults(format, options);
    const written: string[] = [];
    if (format.scope === 'collection') {
      await writeOutput(io, options.out, format.encode!(images, formatOptions).bytes);
      written.push(options.out);
    } else {
      await makeOutputDir(io, options.out);
      for (const image of images) {
        const path = join(options.out, exportFileName(format, image.name));
        if (written.includes(path)) throw new Error(`${path}: two images would be written to this file`);
        await writeOutput(io, path, format.encode!(image, formatOptions).bytes);
        written.push(path);
      }
    }
    const objects = images.reduce((sum, image) => sum + image.objects.length, 0);
    io.stdout(JSON.stringify({ format: format.id, images: images.length, objects, written }));
    return 0;
  },
};

function parseSize(text: string): { width: number; height: number } {
  const match = /^(\d+)x(\d+)$/.exec(text);
  if (!match) throw new UsageError(`--size must be WIDTHxHEIGHT, not "${text}"`);
  return { width: Number(match[1]), height: Number(match[2]) };
}

async function readImages(io: CliIo, file: string, size?: { width: number; height: number }): Promise<InterchangeImage[]> {
  const format = importFormatOf(fileNameOf(file));
  if (!format) throw new Error(`${file}: not an annotation file any format here reads`);
  const bytes = await readInput(io, file);
  if (format.scope === 'collection') return format.decode!(file, bytes).images.map((image) => ({ ...image, name: image.name ?? baseName(file) }));
  const [image] = format.decode!(file, bytes, size).images;
  return [{ ...image, name: `${maskTargetBase(fileNameOf(file)) ?? baseName(file)}.png` }];
}
