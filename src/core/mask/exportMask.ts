/**
 * Objects to mask files: `_objects.png` (24-bit RGB, one colour per object), 16-bit label
 * images (PNG or TIFF; 0 background, 1..N as Cellpose and StarDist read them) and binary masks
 * (8-bit gray, 0 / 255).
 *
 * Pixels come from rasterizeShapes (pixel-centre even-odd rule; higher z wins overlaps).
 * Object number n (1..N) is the n-th object bottom to top; it picks the colour (colors.ts) or is
 * the label value. Objects without pixels keep their number, so numbers do not shift when an
 * object is hidden by another; the report lists them. The caller decides which objects to pass
 * (e.g. whether hidden ones count). Output bytes depend only on the input: exporting twice
 * gives identical files.
 */
import { schemeColors, type ColorScheme } from '../colors';
import { encodeLabelPng, LabelPngStream, type LabelPngFormat } from '../formats/pngLabels';
import { needsTiles } from '../tiles';
import { writeTiff } from '../formats/tiffWriter';
import { rasterizeInBands, rasterizeShapes, type RasterizeReport, type Shape } from './rasterize';

/** Rows per band when a PNG mask is written in bands (images kept as tiles, core/tiles.ts). */
const BAND_ROWS = 512;

/** Most objects a 16-bit label image can number. */
export const MAX_LABEL16_OBJECTS = 65535;

export interface MaskExport {
  bytes: Uint8Array;
  /** Overlaps and empty objects, by index into the objects passed in. */
  report: RasterizeReport;
  /** Sentences for the user: empty objects, overlaps, colours beyond the VOC palette. */
  warnings: string[];
  /** values[i]: the colour (0xRRGGBB) or label that object i was written with. */
  values: number[];
}

export interface ObjectsPngOptions {
  /** Default 'random'. */
  scheme?: ColorScheme;
  /** The image's file name: seeds the random scheme (folders and extension are ignored). */
  imageName: string;
}

/** `_objects.png`: PNG colour type 2, 8 bits, no alpha; black background. */
export function exportObjectsPng(objects: readonly Shape[], width: number, height: number, options: ObjectsPngOptions): MaskExport {
  const { colors, warnings } = schemeColors(options.scheme ?? 'random', objects.length, options.imageName);
  return exportWith(objects, width, height, colors, 'rgb8', warnings);
}

/** 16-bit gray PNG, pixel value = object number. Throws RangeError past 65535 objects. */
export function exportLabel16Png(objects: readonly Shape[], width: number, height: number): MaskExport {
  return exportWith(objects, width, height, labelNumbers(objects.length), 'gray16', []);
}

/** The same label image as an uncompressed baseline TIFF (16-bit BlackIsZero, little-endian). */
export function exportLabel16Tiff(objects: readonly Shape[], width: number, height: number): MaskExport {
  const { rasterized, values, palette } = paint(objects, width, height, labelNumbers(objects.length));
  const data = new Uint16Array(width * height);
  for (let p = 0; p < data.length; p++) data[p] = palette[rasterized.labels[p]];
  const bytes = writeTiff({ width, height, bits: 16, data });
  return { bytes, report: rasterized.report, warnings: reportWarnings(rasterized.report), values };
}

/** 8-bit gray PNG: 255 where any object is, 0 elsewhere. */
export function exportBinaryPng(objects: readonly Shape[], width: number, height: number): MaskExport {
  const palette = new Uint32Array(objects.length + 1).fill(255);
  palette[0] = 0;
  return exportWith(objects, width, height, palette, 'gray8', []);
}

function labelNumbers(count: number): Uint32Array {
  if (count > MAX_LABEL16_OBJECTS) {
    throw new RangeError(`${count} objects: a 16-bit label image can number at most ${MAX_LABEL16_OBJECTS}`);
  }
  return Uint32Array.from({ length: count + 1 }, (_, n) => n);
}

/**
 * The label image of the export in progress: encoded, then dropped, so one buffer serves every
 * export (a 1104 x 1104 image is 4.9 MB; allocating it each time costs more than clearing it).
 */
let scratch = new Uint32Array(0);

/**
 * Rasterizes; `byNumber[n]` is the pixel value of object number n. Returns values[i] for input
 * object i, and the palette from the label image's entries (input index + 1) to pixel values.
 */
function paint(objects: readonly Shape[], width: number, height: number, byNumber: Uint32Array) {
  if (scratch.length < width * height) scratch = new Uint32Array(width * height);
  const rasterized = rasterizeShapes(objects, width, height, scratch);
  const values = new Array<number>(objects.length);
  rasterized.order.forEach((input, k) => (values[input] = byNumber[k + 1]));
  return { rasterized, values, palette: Uint32Array.from([0, ...values]) };
}

function exportWith(objects: readonly Shape[], width: number, height: number, byNumber: Uint32Array, format: LabelPngFormat, warnings: string[]): MaskExport {
  if (needsTiles(width, height)) return exportInBands(objects, width, height, byNumber, format, warnings, BAND_ROWS);
  const { rasterized, values, palette } = paint(objects, width, height, byNumber);
  const bytes = encodeLabelPng(width, height, rasterized.labels, palette, format);
  return { bytes, report: rasterized.report, warnings: [...reportWarnings(rasterized.report), ...warnings], values };
}

/**
 * exportWith for an image too large for one label image in memory (up to 400 MP): rasterized and
 * written `bandRows` rows at a time; the same pixels and report (the PNG's compression differs).
 * Exported for tests, which use small bands.
 */
export function exportInBands(objects: readonly Shape[], width: number, height: number, byNumber: Uint32Array, format: LabelPngFormat, warnings: string[], bandRows: number): MaskExport {
  const values = new Array<number>(objects.length);
  let stream: LabelPngStream | null = null; // made once the first band gives the objects' order
  const { report } = rasterizeInBands(objects, width, height, bandRows, (labels, _y0, rows, order) => {
    if (!stream) {
      order.forEach((input, k) => (values[input] = byNumber[k + 1]));
      stream = new LabelPngStream(width, height, Uint32Array.from([0, ...values]), format);
    }
    stream.addRows(labels, rows);
  });
  return { bytes: stream!.finish(), report, warnings: [...reportWarnings(report), ...warnings], values };
}

/** The report in words; empty when there is nothing to say. */
export function reportWarnings(report: RasterizeReport): string[] {
  const warnings: string[] = [];
  const empty = report.emptyObjects.length;
  if (empty > 0) {
    warnings.push(`${empty} object${empty === 1 ? ' has' : 's have'} no pixels (too small or thin to cover a pixel centre, outside the image, or hidden under other objects)`);
  }
  if (report.overlapPixels > 0) {
    const pairs = report.overlaps.length;
    warnings.push(`${report.overlapPixels} pixels are covered by more than one object (${pairs} overlapping pair${pairs === 1 ? '' : 's'}); the object on top keeps them`);
  }
  return warnings;
}
