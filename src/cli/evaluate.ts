/**
 * `evaluate <reference> <candidate> [--json]`: accuracy of a candidate annotation against a
 * reference, image by image and pooled (core/metrics). Each side is a folder of masks
 * (`_objects.png`, label images) or a CVAT XML file; images pair by name. An image on one side
 * only counts as all missed (FN) or all extra (FP), and is listed.
 */
import { cvatXml } from '../core/interchange/cvatXml';
import { importFormatOf, maskTargetBase } from '../core/interchange/registry';
import { decodeMask } from '../core/mask/decodeMask';
import { rasterizeShapes } from '../core/mask/rasterize';
import { countMatches, poolCounts, type MatchCounts } from '../core/metrics/scores';
import { overlapTable } from '../core/metrics/overlaps';
import { summarize, type MetricsSummary } from '../core/metrics/summary';
import { baseName, fileNameOf } from '../core/paths';
import { FLAG, parseArgs } from './args';
import { UsageError, type CliCommand, type CliIo } from './command';
import { readInput } from './files';

/** One image of an annotation set: its objects as a label image. */
interface LabelledImage {
  width: number;
  height: number;
  labels: Uint32Array;
}

/** Images by name without extension ("A01" for "A01.png", "A01_objects.png" or "dir/A01.tif"). */
type AnnotationSet = Map<string, LabelledImage>;

export const evaluateCommand: CliCommand = {
  args: '<reference> <candidate> [--json]',
  summary: 'compare two annotations (each a folder of _objects.png or label images, or a CVAT XML file), images paired by name: TP, FP, FN, precision, recall, F1 and accuracy per IoU threshold 0.5 … 0.95, pooled and per image',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { json: FLAG });
    if (positional.length !== 2) throw new UsageError(`evaluate needs 2 annotation sets, got ${positional.length}`);
    const [reference, candidate] = await Promise.all(positional.map((path) => readSet(io, path)));
    const result = evaluate(reference, candidate);
    if (options.json) io.stdout(JSON.stringify(result));
    else for (const line of table(result)) io.stdout(line);
    return 0;
  },
};

export interface Evaluation extends MetricsSummary {
  images: Array<MetricsSummary & { name: string }>;
  /** Names on one side only (all FN, or all FP). */
  referenceOnly: string[];
  candidateOnly: string[];
}

export function evaluate(reference: AnnotationSet, candidate: AnnotationSet): Evaluation {
  const names = [...new Set([...reference.keys(), ...candidate.keys()])].sort();
  const perImage: Array<{ name: string; counts: MatchCounts }> = names.map((name) => {
    const a = reference.get(name), b = candidate.get(name);
    const size = (a ?? b)!;
    if (a && b && (a.width !== b.width || a.height !== b.height)) {
      throw new Error(`${name}: the reference is ${a.width} x ${a.height} pixels but the candidate ${b.width} x ${b.height}`);
    }
    const empty = () => new Uint32Array(size.width * size.height);
    return { name, counts: countMatches(overlapTable(a?.labels ?? empty(), b?.labels ?? empty())) };
  });
  if (perImage.length === 0) throw new Error('no images to compare: both annotation sets are empty');
  return {
    ...summarize(poolCounts(perImage.map((image) => image.counts))),
    images: perImage.map(({ name, counts }) => ({ name, ...summarize(counts) })),
    referenceOnly: names.filter((name) => !candidate.has(name)),
    candidateOnly: names.filter((name) => !reference.has(name)),
  };
}

async function readSet(io: CliIo, path: string): Promise<AnnotationSet> {
  const entries = await io.listDir(path);
  if (entries === null) return readCvat(path, await readInput(io, path));
  const set: AnnotationSet = new Map();
  for (const entry of entries.sort()) {
    if (!/\.(png|tiff?)$/i.test(entry)) continue;
    const file = `${path}/${entry}`;
    const { width, height, labels } = decodeMask(file, await readInput(io, file));
    const name = imageKey(entry);
    if (set.has(name)) throw new Error(`${path}: two masks for image ${name}`);
    set.set(name, { width, height, labels });
  }
  return set;
}

function readCvat(path: string, bytes: Uint8Array): AnnotationSet {
  if (importFormatOf(path)?.id !== cvatXml.id) throw new Error(`${path}: neither a folder of masks nor a CVAT XML file`);
  const set: AnnotationSet = new Map();
  for (const image of cvatXml.decode!(path, bytes).images) {
    const { labels } = rasterizeShapes(image.objects, image.width, image.height);
    set.set(imageKey(image.name ?? ''), { width: image.width, height: image.height, labels });
  }
  return set;
}

/** "dir/A01_objects.png" and "A01.png" both → "A01". */
function imageKey(name: string): string {
  const file = fileNameOf(name);
  return maskTargetBase(file) ?? baseName(file);
}

const decimal = (value: number) => value.toFixed(3);

function table(result: Evaluation): string[] {
  const lines = ['IoU   TP     FP     FN     precision recall F1    accuracy'];
  for (const t of result.thresholds) {
    lines.push([t.iou.toFixed(2), String(t.tp).padEnd(6), String(t.fp).padEnd(6), String(t.fn).padEnd(6), decimal(t.precision).padEnd(9), decimal(t.recall).padEnd(6), decimal(t.f1), decimal(t.accuracy)].join(' '));
  }
  lines.push(
    `mean matched IoU ${decimal(result.meanMatchedIoU)}, mean F1 ${decimal(result.meanF1)}, mean accuracy ${decimal(result.meanAccuracy)}`,
    `objects: ${result.referenceObjects} reference, ${result.candidateObjects} candidate; ${result.splits} split, ${result.merges} merged`,
    `small objects: F1 at 0.5 ${decimal(result.small.thresholds[0].f1)}, mean F1 ${decimal(result.small.meanF1)}`,
    '',
    'image: F1 at 0.5, mean F1, mean matched IoU',
    ...result.images.map((image) => `${image.name}: ${decimal(image.thresholds[0].f1)}, ${decimal(image.meanF1)}, ${decimal(image.meanMatchedIoU)}`),
  );
  if (result.referenceOnly.length) lines.push(`only in the reference (all missed): ${result.referenceOnly.join(', ')}`);
  if (result.candidateOnly.length) lines.push(`only in the candidate (all extra): ${result.candidateOnly.join(', ')}`);
  return lines;
}
