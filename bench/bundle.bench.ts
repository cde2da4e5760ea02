// The project bundle at the brief's scale: 500 images (each a 1 MiB file, incompressible like a
// PNG, and 100 objects), written as the masks worker streams it (each chunk handed on at once,
// here to a file) and read back as the import reads it (central directory, then each image's
// JSON and its file's byte range, from a file handle). Target: neither needs the bundle's size
// in memory (peak growth of heap + array buffers under a quarter of the bundle), against the
// obvious in-memory export measured in the same run (every chunk kept, then joined: twice).
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openBundle, readBundleImage } from '../src/core/bundle/read';
import { generatedImage } from '../src/core/bundle/testing/generated';
import { writeBundle, type BundleEntryImage } from '../src/core/bundle/write';
import { entryDataRange, type ByteSource } from '../src/core/zipReader';
import { round, type Measurement } from './stats';

/** BUNDLE_BENCH_IMAGES sets fewer for a quick look; the target is judged at any count. */
const IMAGES = Number(process.env.BUNDLE_BENCH_IMAGES ?? 500);
const FILE_BYTES = 2 ** 20;
const OBJECTS = 100;
const MB = 2 ** 20;
const TARGET_SHARE = 0.25;

// A full collection before each sample, so the figure is what is live, not garbage not yet
// collected (the same with or without node --expose-gc).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const used = () => {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

/** Peak memory above the start, sampled whenever `sample` is called. */
function peakMeter() {
  const start = used();
  let peak = 0;
  return { sample: () => (peak = Math.max(peak, used() - start)), peak: () => peak };
}

/** The images one at a time, each with a fresh file, as the worker reads them from storage; memory is sampled before each. */
async function* images(sample: () => void): AsyncGenerator<BundleEntryImage> {
  for (let i = 0; i < IMAGES; i++) {
    const stored = generatedImage(i + 1, OBJECTS);
    const bytes = new Uint8Array(FILE_BYTES);
    for (let k = 0; k < FILE_BYTES; k += 65536) crypto.getRandomValues(bytes.subarray(k, k + 65536));
    sample();
    yield { stored: stored as BundleEntryImage['stored'], source: { name: stored.record.name, kind: 'original', bytes } };
  }
}

function fileSource(handle: Awaited<ReturnType<typeof open>>, size: number): ByteSource {
  return {
    size,
    read: async (offset, length) => {
      const buffer = new Uint8Array(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    },
  };
}

/** Streams the bundle into a file, as the app hands each chunk on; its size. */
async function writeToFile(path: string, sample: () => void): Promise<number> {
  const fd = openSync(path, 'w');
  let size = 0;
  await writeBundle(images(sample), (chunk) => void (size += writeSync(fd, chunk)), { createdBy: 'bench', createdIn: 'bench' });
  closeSync(fd);
  return size;
}

/** Reads the bundle back as the import does, keeping every image's data and file range (not the files). */
async function readFromFile(path: string, size: number, sample: () => void): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const source = fileSource(handle, size);
    const bundle = (await openBundle('bench.zip', source))!;
    const kept = [];
    for (let i = 0; i < bundle.manifest.images.length; i++) {
      kept.push({ image: await readBundleImage(bundle, source, i, 0), range: await entryDataRange('bench.zip', source, bundle.entries.get(bundle.manifest.images[i].source!.path)!) });
      sample();
    }
    return kept.length;
  } finally {
    await handle.close();
  }
}

export async function benchBundle(): Promise<Measurement[]> {
  const path = join(tmpdir(), `bundle-bench-${process.pid}.zip`);
  const none = () => undefined;
  try {
    // Times first, without the memory sampling (each sample is a full collection).
    let started = performance.now();
    const size = await writeToFile(path, none);
    const writeMs = performance.now() - started;
    started = performance.now();
    if ((await readFromFile(path, size, none)) !== IMAGES) throw new Error(`the bundle read back has not ${IMAGES} images`);
    const readMs = performance.now() - started;

    const streamed = peakMeter();
    await writeToFile(path, streamed.sample);
    const reading = peakMeter();
    await readFromFile(path, size, reading.sample);
    // The reference: the whole archive kept in memory, then joined into one buffer.
    const inMemory = peakMeter();
    const chunks: Uint8Array[] = [];
    await writeBundle(images(inMemory.sample), (chunk) => void chunks.push(chunk.slice()), { createdBy: 'bench', createdIn: 'bench' });
    const joined = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (joined.set(c, at), at + c.length), 0);
    inMemory.sample();
    chunks.length = 0;

    const bundleMB = size / MB;
    const memory = (name: string, peak: number, reference?: number): Measurement => ({
      name,
      unit: 'MB',
      median: round(peak / MB),
      runs: [round(peak / MB)],
      ...(reference !== undefined ? { reference: { name: 'in-memory export (chunks kept, then joined)', median: round(reference / MB), runs: [round(reference / MB)] } } : {}),
      target: `under ${TARGET_SHARE} x the bundle (${round(bundleMB)} MB): ${round(TARGET_SHARE * bundleMB)} MB`,
      meetsTarget: peak < TARGET_SHARE * size,
    });
    return [
      memory(`bundle export of ${IMAGES} images x ${OBJECTS} objects (${round(bundleMB)} MB): peak memory growth`, streamed.peak(), inMemory.peak()),
      memory('bundle import read of the same (every image checked, its data kept): peak memory growth', reading.peak()),
      { name: `bundle export of ${IMAGES} images: time`, unit: 'ms', median: round(writeMs), runs: [round(writeMs)] },
      { name: `bundle import read of ${IMAGES} images (checked whole): time`, unit: 'ms', median: round(readMs), runs: [round(readMs)] },
    ];
  } finally {
    rmSync(path, { force: true });
  }
}
