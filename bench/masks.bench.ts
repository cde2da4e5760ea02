// Masks on the 50 Aitslab-bioimaging1 `_objects.png` files, in Node:
// - import: mask file to editable objects (decode, label, trace), all 50; target under 1 s.
//   Reference: fast-png decoding the same files, i.e. the PNG library alone.
// - export: objects to an encoded `_objects.png`, per 1104 x 1104 image. References, measured
//   in the same run on the same polygons by Debian's /usr/bin/python3: OpenCV (cv2.fillPoly +
//   cv2.imencode; target: no slower) and scikit-image + Pillow (draw.polygon + Image.save;
//   target: at least 10 times faster). A missing Python package is recorded, not fatal.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { decode } from 'fast-png';
import { exportObjectsPng } from '../src/core/mask/exportMask';
import { importMask, type MaskImport } from '../src/core/mask/importMask';
import { median, round, timeRuns, type Measurement } from './stats';

const DATA = resolve(import.meta.dirname, '../../shared/data/aitslab-bioimaging1');
const PYTHON = '/usr/bin/python3';
const RUNS = 7; // whole passes over the 50 masks (ours)
const PYTHON_RUNS = 3; // scikit-image + Pillow takes ~0.1 s an image

interface PythonResult {
  available: boolean;
  reason?: string;
  version?: string;
  per_image_ms?: number[];
}

export async function benchMasks(): Promise<Measurement[]> {
  const files = ['train', 'dev', 'test'].flatMap((split) => readdirSync(join(DATA, split)).filter((n) => n.endsWith('_objects.png')).map((n) => join(DATA, split, n)));
  const bytes = files.map((file) => new Uint8Array(readFileSync(file)));

  const importAll = () => files.map((file, i) => importMask(file, bytes[i]));
  const imports = await timeRuns(importAll, RUNS, 1);
  const decodeOnly = await timeRuns(() => bytes.forEach((b) => decode(b)), RUNS, 1);
  const masks = importAll();

  const ours: number[] = [];
  const exportAll = (record: boolean) => {
    masks.forEach((mask, i) => {
      const start = performance.now();
      exportObjectsPng(mask.objects, mask.width, mask.height, { imageName: files[i] });
      if (record) ours.push(performance.now() - start);
    });
  };
  exportAll(false); // warm-up
  for (let run = 0; run < RUNS; run++) exportAll(true);

  const python = await runReferences(masks, files);
  const ourMedian = round(median(ours));
  const importMedian = round(median(imports));
  return [
    {
      name: `import ${files.length} dataset masks to objects (decode, label, trace), all of them`,
      unit: 'ms',
      median: importMedian,
      runs: imports.map(round),
      reference: { name: `fast-png decode alone of the same ${files.length} files`, median: round(median(decodeOnly)), runs: decodeOnly.map(round) },
      target: '< 1000 ms',
      meetsTarget: importMedian < 1000,
    },
    exportMeasurement('OpenCV', python.opencv, ourMedian, ours, 'no slower than OpenCV (cv2.fillPoly + cv2.imencode)', (ref) => ourMedian <= ref),
    exportMeasurement('scikit-image + Pillow', python.skimage_pillow, ourMedian, ours, 'at least 10x faster than scikit-image draw.polygon + Pillow PNG', (ref) => ref / ourMedian >= 10),
  ];
}

function exportMeasurement(what: string, result: PythonResult, ourMedian: number, ours: number[], target: string, meets: (reference: number) => boolean): Measurement {
  const measurement: Measurement = {
    name: `export objects to an encoded _objects.png, per 1104 x 1104 dataset image (vs ${what})`,
    unit: 'ms',
    median: ourMedian,
    runs: ours.map(round),
    target,
  };
  if (result.available && result.per_image_ms) {
    const reference = round(median(result.per_image_ms));
    measurement.reference = { name: `${result.version}: fill the same polygons + encode PNG, per image`, median: reference, runs: result.per_image_ms.map(round) };
    measurement.meetsTarget = meets(reference);
  } else {
    measurement.referenceUnavailable = { name: what, reason: result.reason ?? 'unknown' };
  }
  return measurement;
}

/** Runs bench/masks_reference.py on the imported polygons; never throws. */
async function runReferences(masks: MaskImport[], files: string[]): Promise<{ opencv: PythonResult; skimage_pillow: PythonResult }> {
  const dir = mkdtempSync(join(tmpdir(), 'masks-bench-'));
  try {
    const input = join(dir, 'polygons.json');
    const images = masks.map((mask, i) => {
      const { values } = exportObjectsPng(mask.objects, mask.width, mask.height, { imageName: files[i] });
      return {
        width: mask.width,
        height: mask.height,
        objects: mask.objects.map((o) => o.rings),
        colors: values.map((c) => [c >> 16, (c >> 8) & 0xff, c & 0xff]),
      };
    });
    writeFileSync(input, JSON.stringify(images));
    const script = resolve(import.meta.dirname, 'masks_reference.py');
    const { stdout } = await promisify(execFile)(PYTHON, [script, input, String(PYTHON_RUNS)], { maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout);
  } catch (error) {
    const reason = `${PYTHON} could not run the reference script: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    return { opencv: { available: false, reason }, skimage_pillow: { available: false, reason } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
