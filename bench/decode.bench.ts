// Decoding and normalizing the 1104 x 1104 reference .C01, against two references measured in
// the same run: Node's native zlib inflate alone (a floor: no decoder can skip it), and a
// straightforward port of the dataset's script (sort-based percentiles, as numpy does).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { decodeC01 } from '../src/core/formats/c01';
import { prepareImage } from '../src/core/intake';
import { normalizeTo8Bit } from '../src/core/normalize';
import { median, round, timeRuns, type Measurement } from './stats';

const C01 = resolve(import.meta.dirname, '../../shared/data/normalization/hoechst_like_1104x1104.C01');
const RUNS = 15;

/** The dataset's rule written the obvious way: sort a float copy, interpolate, scale, round. */
function naiveNormalize(data: Uint16Array): Uint8Array {
  const sorted = Float64Array.from(data).sort();
  const percentile = (q: number) => {
    const index = (sorted.length - 1) * (q / 100);
    const below = Math.floor(index);
    const above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (sorted[above] - sorted[below]) * (index - below);
  };
  const low = percentile(100 - 99.9);
  const high = percentile(99.9);
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const t = (Math.min(Math.max(data[i], low), high) - low) / (high - low);
    out[i] = Math.round(t * 255);
  }
  return out;
}

export async function benchDecode(): Promise<Measurement[]> {
  const bytes = new Uint8Array(readFileSync(C01));
  const ours = await timeRuns(() => normalizeTo8Bit(decodeC01('reference.C01', bytes)), RUNS);
  const inflateOnly = await timeRuns(() => inflateSync(bytes.subarray(4)), RUNS);
  const naive = await timeRuns(() => naiveNormalize(decodeC01('reference.C01', bytes).data), RUNS);
  const whole = await timeRuns(() => prepareImage('reference.C01', bytes), RUNS);
  return [
    {
      name: 'decode + normalize 1104x1104 .C01',
      unit: 'ms',
      median: round(median(ours)),
      runs: ours.map(round),
      reference: { name: 'sort-based normalization (dataset script ported as is), incl. decode', median: round(median(naive)), runs: naive.map(round) },
    },
    {
      name: 'native zlib inflate of the same .C01 (floor)',
      unit: 'ms',
      median: round(median(inflateOnly)),
      runs: inflateOnly.map(round),
    },
    {
      name: 'full intake of the .C01 (decode, normalize, thumbnail, metadata)',
      unit: 'ms',
      median: round(median(whole)),
      runs: whole.map(round),
    },
  ];
}
