/**
 * `npm run durability [-- --rounds N]`: kills the browser mid-work and counts what survives.
 * Not part of CI (it takes minutes). Each round starts Chromium on one profile, opens the built
 * app, draws outlines one after another, and SIGKILLs the browser at a random moment (often
 * mid-gesture or mid-write). It then counts the stored outlines on the next start: an outline
 * the app had shown as saved ("All changes saved") must never be missing; those drawn after
 * the last confirmation may be (they were still in memory). Results: bench/results/durability.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './chromium';

const ROOT = resolve(import.meta.dirname, '..');
const PORT = 4395, DEBUG_PORT = 9335;
const URL = `http://127.0.0.1:${PORT}/`;
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 20;

/** A process in a group of its own, so that stopping it stops what it started too. */
function run(command: string, args: string[], errors: 'inherit' | 'ignore' = 'inherit'): ChildProcess {
  return spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', errors], detached: true });
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function startBrowser(profile: string): Promise<{ process: ChildProcess; page: Page }> {
  const browser = run(findChromium()!, [...CHROMIUM_ARGS, '--headless=new', `--user-data-dir=${profile}`, `--remote-debugging-port=${DEBUG_PORT}`, '--window-size=1400,900', 'about:blank'], 'ignore'); // Chromium's own log noise
  await waitFor(async () => (await fetch(`http://127.0.0.1:${DEBUG_PORT}/json/version`)).ok, 'Chromium');
  const connected = await chromium.connectOverCDP(`http://127.0.0.1:${DEBUG_PORT}`);
  const page = connected.contexts()[0].pages()[0];
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(URL);
  await page.getByTestId('viewer').waitFor();
  return { process: browser, page };
}

/** Outlines stored for the open project (all images). */
function storedCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('nuclei-annotator');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('objects').objectStore('objects').count();
          count.onsuccess = () => (resolve(count.result), open.result.close());
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

/** Draws a small square outline at slot `n` of a grid over the image (N, four clicks, Enter). */
async function drawOutline(page: Page, n: number): Promise<void> {
  const viewer = (await page.getByTestId('viewer').boundingBox())!;
  const x = viewer.x + 60 + (n % 12) * 40, y = viewer.y + 60 + (Math.floor(n / 12) % 12) * 40;
  await page.keyboard.press('n');
  for (const [dx, dy] of [[0, 0], [20, 0], [20, 20], [0, 20]]) await page.mouse.click(x + dx, y + dy);
  await page.keyboard.press('Enter');
}

async function main(): Promise<void> {
  if (!findChromium()) throw new Error('no Chromium (set CHROMIUM_PATH)');
  await new Promise<void>((resolve, reject) => run('npx', ['vite', 'build', '--logLevel', 'warn']).on('exit', (code) => (code === 0 ? resolve() : reject(new Error('build failed')))));
  const server = run('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort']);
  const profile = mkdtempSync(join(tmpdir(), 'durability-'));
  const results: Array<{ round: number; drawn: number; confirmed: number; stored: number; lostConfirmed: number }> = [];
  try {
    await waitFor(async () => (await fetch(URL)).ok, 'the app server');
    let expectedAtLeast = 0;
    for (let round = 1; round <= rounds; round++) {
      const { process: browser, page } = await startBrowser(profile);
      const before = await storedCount(page);
      let drawn = 0, confirmed = before;
      const killAfterMs = 300 + Math.random() * 2500;
      const killer = new Promise<void>((resolve) => setTimeout(() => (stop(browser, 'SIGKILL'), resolve()), killAfterMs));
      const work = (async () => {
        for (;;) {
          await drawOutline(page, before + drawn);
          drawn++;
          // Two frames, so the status bar shows the state after this outline (React renders later).
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
          if ((await page.getByTestId('save-state').textContent()) === 'All changes saved') confirmed = before + drawn;
        }
      })().catch(() => {}); // ends when the browser is killed
      await killer;
      await work;
      const { process: next, page: reopened } = await startBrowser(profile);
      const stored = await storedCount(reopened);
      stop(next, 'SIGKILL');
      await new Promise((resolve) => next.once('exit', resolve));
      expectedAtLeast = Math.max(expectedAtLeast, confirmed);
      results.push({ round, drawn, confirmed: confirmed - before, stored: stored - before, lostConfirmed: Math.max(0, expectedAtLeast - stored) });
      console.log(JSON.stringify(results.at(-1)));
    }
  } finally {
    stop(server);
    rmSync(profile, { recursive: true, force: true });
  }
  const summary = {
    rounds,
    outlinesDrawn: results.reduce((sum, r) => sum + r.drawn, 0),
    confirmedSaved: results.reduce((sum, r) => sum + r.confirmed, 0),
    lostAfterConfirmation: results.reduce((sum, r) => sum + r.lostConfirmed, 0),
    lostUnconfirmed: results.reduce((sum, r) => sum + Math.max(0, r.drawn - r.stored), 0),
    roundsLosingConfirmed: results.filter((r) => r.lostConfirmed > 0).length,
  };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/durability.json'), JSON.stringify({ summary, results }, null, 2));
  console.log(JSON.stringify(summary));
  process.exit(summary.lostAfterConfirmation === 0 ? 0 : 1);
}

await main();
