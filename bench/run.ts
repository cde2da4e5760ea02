// `npm run bench`: builds the app, runs every benchmark and writes bench/results/*.json.
// `npm run bench -- masks decode` runs only the named ones (decode, masks, model, open, annotate, zip, assist, brush, bundle, objects100k, project, large, sync).
// Every row states its target and whether it is met; the run exits with 1 when any target is missed.
import { execSync } from 'node:child_process';
import { benchDecode } from './decode.bench';
import { benchAnnotate } from './annotate.bench';
import { benchAssist } from './assist.bench';
import { benchBrush } from './brush.bench';
import { benchBundle } from './bundle.bench';
import { benchMasks } from './masks.bench';
import { benchModel } from './model.bench';
import { benchObjects100k } from './objects100k.bench';
import { benchOpen } from './open.bench';
import { benchProject } from './project.bench';
import { benchLargeImage } from './largeImage.bench';
import { benchSync } from './sync.bench';
import { benchZip } from './zip.bench';
import { machine, toRow, writeResults, type Measurement, type Row } from './stats';

/** Each benchmark and the results file it writes; browser ones need the app built first. */
const RUNS: Array<{ name: string; file: string; browser: boolean; run: () => Promise<Array<Measurement | Row>> }> = [
  { name: 'decode', file: 'decode', browser: false, run: benchDecode },
  { name: 'masks', file: 'masks', browser: false, run: benchMasks },
  { name: 'model', file: 'model', browser: false, run: benchModel },
  { name: 'open', file: 'open-image', browser: true, run: benchOpen },
  { name: 'annotate', file: 'annotate', browser: true, run: benchAnnotate },
  { name: 'zip', file: 'zip', browser: true, run: benchZip },
  { name: 'assist', file: 'assist', browser: true, run: benchAssist },
  { name: 'brush', file: 'brush', browser: true, run: benchBrush },
  { name: 'bundle', file: 'bundle', browser: false, run: benchBundle },
  { name: 'objects100k', file: 'objects100k', browser: true, run: benchObjects100k },
  { name: 'project', file: 'project-1000', browser: true, run: benchProject },
  { name: 'large', file: 'large-image', browser: true, run: benchLargeImage },
  { name: 'sync', file: 'sync', browser: true, run: benchSync },
];

const only = process.argv.slice(2);
const unknown = only.filter((name) => !RUNS.some((bench) => bench.name === name));
if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')} (benchmarks: ${RUNS.map((bench) => bench.name).join(', ')})`);
const wanted = (name: string) => only.length === 0 || only.includes(name);

const withUnit = (value: number, unit: string) => (unit === 'ms' ? `${value} ms` : unit === '%' ? `${value} %` : unit === 'score' ? String(value) : `${value} ${unit}`);

/** A markdown table row: name, value, reference, target, met (the README's table has these columns). */
function show(row: Row): string {
  const reference = row.reference ? `${withUnit(row.reference.value, row.unit)} (${row.reference.name})` : '–';
  return `| ${row.name} | ${withUnit(row.value, row.unit)} | ${reference} | ${row.target} | ${row.target === 'none' ? 'reported' : row.met ? 'met' : '**MISSED**'} |`;
}

if (RUNS.some((bench) => bench.browser && wanted(bench.name))) execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
const missed: string[] = [];
const { cpu, cpus, memoryGiB, node } = machine();
console.log(`Machine: ${cpu}, ${cpus} cores, ${memoryGiB} GiB, Node ${node}\n`);
for (const bench of RUNS.filter(({ name }) => wanted(name))) {
  const rows = (await bench.run()).map(toRow);
  console.log(`${bench.name}\n| measure | value | reference | target | met |\n| --- | --- | --- | --- | --- |`);
  for (const row of rows) console.log(show(row));
  missed.push(...rows.filter((row) => !row.met).map((row) => `${bench.name}: ${row.name}`));
  console.log(`→ ${writeResults(bench.file, rows)}\n`);
}
if (missed.length) {
  console.log(`${missed.length} target(s) missed:\n${missed.map((name) => `  - ${name}`).join('\n')}`);
  process.exitCode = 1;
} else console.log('Every target met.');
