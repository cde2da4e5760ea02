import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; returns each run's milliseconds. */
export async function timeRuns(fn: () => unknown, runs: number, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

export interface Measurement {
  name: string;
  /** 'score': an accuracy figure in [0, 1] (one value, median = runs[0]); 'MB': memory, 2^20 bytes. */
  unit: 'ms' | 'score' | 'MB';
  median: number;
  runs: number[];
  /** What the figure is compared with, measured in the same run on the same machine. */
  reference?: { name: string; median: number; runs: number[] };
  /** A reference that could not be measured in this run (e.g. a missing package), and why. */
  referenceUnavailable?: { name: string; reason: string };
  target?: string;
  meetsTarget?: boolean;
}

export const round = (value: number) => Math.round(value * 100) / 100;

/** Writes `bench/results/<name>.json` with the machine's facts and the measurements. */
export function writeResults(name: string, measurements: Measurement[]): string {
  const dir = resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, `${name}.json`);
  const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' };
  writeFileSync(path, `${JSON.stringify({ date: new Date().toISOString(), machine, measurements }, null, 2)}\n`);
  return path;
}
