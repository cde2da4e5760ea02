// `npm run bench`: builds the app, runs every benchmark and writes bench/results/*.json.
// `npm run bench -- masks decode` runs only the named ones (decode, masks, open, annotate, zip).
import { execSync } from 'node:child_process';
import { benchDecode } from './decode.bench';
import { benchAnnotate } from './annotate.bench';
import { benchMasks } from './masks.bench';
import { benchOpen } from './open.bench';
import { benchZip } from './zip.bench';
import { writeResults, type Measurement } from './stats';

const BENCHES = ['decode', 'masks', 'open', 'annotate', 'zip'];
const only = process.argv.slice(2);
const unknown = only.filter((name) => !BENCHES.includes(name));
if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')} (benchmarks: ${BENCHES.join(', ')})`);
const wanted = (name: string) => only.length === 0 || only.includes(name);

function show(measurements: Measurement[]): void {
  for (const m of measurements) {
    const unavailable = m.referenceUnavailable ? `   (reference ${m.referenceUnavailable.name} unavailable: ${m.referenceUnavailable.reason})` : '';
    const reference = m.reference ? `   (reference: ${m.reference.name}: ${m.reference.median} ms)` : unavailable;
    const verdict = m.meetsTarget === undefined ? 'not judged' : m.meetsTarget ? 'met' : 'NOT met';
    const target = m.target ? `   target ${m.target}: ${verdict}` : '';
    console.log(`${m.name}: median ${m.median} ms${reference}${target}`);
  }
}

if (wanted('decode')) {
  const decode = await benchDecode();
  show(decode);
  console.log(`→ ${writeResults('decode', decode)}`);
}

if (wanted('masks')) {
  const masks = await benchMasks();
  show(masks);
  console.log(`→ ${writeResults('masks', masks)}`);
}

if (wanted('open') || wanted('annotate') || wanted('zip')) execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
if (wanted('open')) {
  const open = await benchOpen();
  show(open);
  console.log(`→ ${writeResults('open-image', open)}`);
}

if (wanted('annotate')) {
  const annotate = await benchAnnotate();
  show(annotate);
  console.log(`→ ${writeResults('annotate', annotate)}`);
}

if (wanted('zip')) {
  const zip = await benchZip();
  show(zip);
  console.log(`→ ${writeResults('zip', zip)}`);
}
