import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
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

/** The p-th percentile (0..100) of `values`, nearest rank; NaN for none. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

/**
 * One line of a benchmark's results, as the runner prints and judges it: every row states its
 * target and whether it is met, and a missed target makes the run exit non-zero.
 */
export interface Row {
  name: string;
  value: number;
  /** 'ms', 'score', '%', 'count', …: printed after the value. */
  unit: string;
  /** Readable target, e.g. '<= 16 ms'; 'none' for a figure that is only reported. */
  target: string;
  /** Whether the value meets the target (true for a figure with no target). */
  met: boolean;
  /** The same measure on the reference, in the same run. */
  reference?: { name: string; value: number };
  runs?: number[];
}

/** A row whose target is an upper (`max`) or lower (`min`) bound on its value; NaN never meets it. */
export function row(name: string, value: number, unit: string, bound: { max: number } | { min: number } | null, reference?: Row['reference'], runs?: number[]): Row {
  const suffix = unit === 'ms' ? ' ms' : unit === '%' ? ' %' : ` ${unit}`;
  const target = !bound ? 'none' : 'max' in bound ? `<= ${bound.max}${suffix}` : `>= ${bound.min}${suffix}`;
  const met = !bound || ('max' in bound ? value <= bound.max : value >= bound.min);
  return { name, value: round(value), unit, target, met, ...(reference && { reference: { ...reference, value: round(reference.value) } }), ...(runs && { runs: runs.map(round) }) };
}

/** The row of an older-style measurement (median of runs, target as text). */
export function toRow(m: Measurement | Row): Row {
  if ('value' in m) return m;
  return {
    name: m.name,
    value: m.median,
    unit: m.unit,
    target: m.target ?? 'none',
    met: m.meetsTarget ?? true,
    ...(m.reference && { reference: { name: m.reference.name, value: m.reference.median } }),
    runs: m.runs,
  };
}

/** The machine a run came from, as the results files and the README record it. */
export function machine(): { node: string; cpus: number; cpu: string; memoryGiB: number } {
  return { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30) };
}

/** Writes `bench/results/<name>.json` with the machine's facts and the measurements. */
export function writeResults(name: string, measurements: Array<Measurement | Row>): string {
  const dir = resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, `${name}.json`);
  writeFileSync(path, `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), measurements }, null, 2)}\n`);
  return path;
}
