// `npm run bench`: builds the app, runs every benchmark and writes bench/results/*.json.
import { execSync } from 'node:child_process';
import { benchDecode } from './decode.bench';
import { benchAnnotate } from './annotate.bench';
import { benchOpen } from './open.bench';
import { writeResults, type Measurement } from './stats';

function show(measurements: Measurement[]): void {
  for (const m of measurements) {
    const reference = m.reference ? `   (reference: ${m.reference.name}: ${m.reference.median} ms)` : '';
    const target = m.target ? `   target ${m.target}: ${m.meetsTarget ? 'met' : 'NOT met'}` : '';
    console.log(`${m.name}: median ${m.median} ms${reference}${target}`);
  }
}

const decode = await benchDecode();
show(decode);
console.log(`→ ${writeResults('decode', decode)}`);

execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
const open = await benchOpen();
show(open);
console.log(`→ ${writeResults('open-image', open)}`);

const annotate = await benchAnnotate();
show(annotate);
console.log(`→ ${writeResults('annotate', annotate)}`);
