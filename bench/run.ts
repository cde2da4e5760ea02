// `npm run bench`: builds the app, runs every benchmark and writes bench/results/*.json.
// `npm run bench -- masks decode` runs only the named ones (decode, masks, model, open, annotate, zip, assist, brush, bundle).
import { execSync } from 'node:child_process';
import { benchDecode } from './decode.bench';
import { benchAnnotate } from './annotate.bench';
import { benchAssist } from './assist.bench';
import { benchBrush } from './brush.bench';
import { benchBundle } from './bundle.bench';
import { benchMasks } from './masks.bench';
import { benchModel } from './model.bench';
import { benchOpen } from './open.bench';
import { benchZip } from './zip.bench';
import { writeResults, type Measurement } from './stats';

/** Each benchmark and the results file it writes; browser ones need the app built first. */
const RUNS: Array<{ name: string; file: string; browser: boolean; run: () => Promise<Measurement[]> }> = [
  { name: 'decode', file: 'decode', browser: false, run: benchDecode },
  { name: 'masks', file: 'masks', browser: false, run: benchMasks },
  { name: 'model', file: 'model', browser: false, run: benchModel },
  { name: 'open', file: 'open-image', browser: true, run: benchOpen },
  { name: 'annotate', file: 'annotate', browser: true, run: benchAnnotate },
  { name: 'zip', file: 'zip', browser: true, run: benchZip },
  { name: 'assist', file: 'assist', browser: true, run: benchAssist },
  { name: 'brush', file: 'brush', browser: true, run: benchBrush },
  { name: 'bundle', file: 'bundle', browser: false, run: benchBundle },
];

const only = process.argv.slice(2);
const unknown = only.filter((name) => !RUNS.some((bench) => bench.name === name));
if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')} (benchmarks: ${RUNS.map((bench) => bench.name).join(', ')})`);
const wanted = (name: string) => only.length === 0 || only.includes(name);

function show(measurements: Measurement[]): void {
  for (const m of measurements) {
    const unavailable = m.referenceUnavailable ? `   (reference ${m.referenceUnavailable.name} unavailable: ${m.referenceUnavailable.reason})` : '';
    const unit = m.unit === 'ms' ? ' ms' : m.unit === 'MB' ? ' MB' : '';
    const reference = m.reference ? `   (reference: ${m.reference.name}: ${m.reference.median}${unit})` : unavailable;
    const verdict = m.meetsTarget === undefined ? 'not judged' : m.meetsTarget ? 'met' : 'NOT met';
    const target = m.target ? `   target ${m.target}: ${verdict}` : '';
    console.log(`${m.name}: ${m.unit === 'ms' ? `median ${m.median} ms` : `${m.median}${unit}`}${reference}${target}`);
  }
}

if (RUNS.some((bench) => bench.browser && wanted(bench.name))) execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
for (const bench of RUNS.filter(({ name }) => wanted(name))) {
  const measurements = await bench.run();
  show(measurements);
  console.log(`→ ${writeResults(bench.file, measurements)}`);
}
