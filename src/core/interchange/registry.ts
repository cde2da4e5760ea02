/**
 * Every annotation format, in the order the export dialog lists them. Adding a format is one file
 * (see types.ts) and one line here; the dialog, the workers and the CLI pick it up from this list.
 */
import { baseName, portableFileName } from '../paths';
import { binaryPng } from './binaryPng';
import { cocoJson } from './cocoJson';
import { cvatXml } from './cvatXml';
import { imagejRoiZip } from './imagejRoiZip';
import { label16Png } from './label16Png';
import { label16Tiff } from './label16Tiff';
import { objectsPng } from './objectsPng';
import { omeZarrLabels } from './omeZarrLabels';
import { qupathGeoJson } from './qupathGeoJson';
import type { AnnotationFormat, FormatOptions, ImageFileFormat } from './types';

export const ANNOTATION_FORMATS: readonly AnnotationFormat[] = [objectsPng, label16Png, label16Tiff, binaryPng, cvatXml, cocoJson, qupathGeoJson, omeZarrLabels, imagejRoiZip];

export function formatById(id: string): AnnotationFormat {
  const format = ANNOTATION_FORMATS.find((candidate) => candidate.id === id);
  if (!format) throw new Error(`unknown annotation format "${id}" (formats: ${ANNOTATION_FORMATS.map((f) => f.id).join(', ')})`);
  return format;
}

/** The format a file is read as, from its name; null when it is not an annotation file. */
export function importFormatOf(fileName: string): AnnotationFormat | null {
  const lower = fileName.toLowerCase();
  return (
    ANNOTATION_FORMATS.find((format) => format.decode && (format.scope === 'image' ? format.suffixes.some((suffix) => lower.endsWith(suffix)) : lower.endsWith(format.extension))) ?? null
  );
}

/**
 * The base name of the image a mask file belongs to ("A01_objects.png" → "A01"), or null when
 * the name is not a mask file's. Case-insensitive on the suffix; the longest suffix that fits
 * is cut ("A01.png.geojson" → "A01", not "A01.png").
 */
export function maskTargetBase(fileName: string): string | null {
  const format = importFormatOf(fileName);
  if (format?.scope !== 'image') return null;
  const lower = fileName.toLowerCase();
  const suffix = format.suffixes.filter((candidate) => lower.endsWith(candidate)).reduce((a, b) => (b.length > a.length ? b : a));
  return fileName.slice(0, fileName.length - suffix.length) || null;
}

/** The file one image's objects are written to: "train/a.png" → "a_objects.png", or "a_annotations.xml" (portable on every system). */
export function exportFileName(format: AnnotationFormat, imageName: string): string {
  return portableFileName(baseName(imageName) + (format.scope === 'image' ? format.suffixes[0] : `_annotations${format.extension}`));
}

/** Each option's first choice, overridden by `given` where it names a valid choice. */
export function optionsWithDefaults(format: AnnotationFormat, given: FormatOptions = {}): FormatOptions {
  const options: Record<string, string> = {};
  for (const option of format.options) {
    const value = given[option.id];
    options[option.id] = option.choices.some((choice) => choice.value === value) ? value : option.choices[0].value;
  }
  return options;
}

/** A format that writes one file per image (a mask), by id; throws for any other. */
export function imageFormatById(id: string): ImageFileFormat {
  const format = formatById(id);
  if (format.scope !== 'image') throw new Error(`${format.label} is not a mask format`);
  return format;
}
