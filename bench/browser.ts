import { chromium, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium';

/** BENCH_PORT picks another when a second checkout benchmarks on the same machine. */
const PORT = Number(process.env.BENCH_PORT ?? 4174);

/** Serves the built app (`dist/`) on loopback while `work` runs in a fresh headless Chromium page (started with `args` added). */
export async function withApp<T>(work: (page: Page) => Promise<T>, { args = [] as string[] } = {}): Promise<T> {
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  await new Promise<void>((ready, fail) => {
    server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes(String(PORT)) && ready());
    server.on('exit', (code) => fail(new Error(`vite preview exited with ${code}`)));
  });
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, ...args] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // tsx compiles the functions passed to page.evaluate with esbuild's name-keeping helper.
    await page.addInitScript('window.__name = (fn) => fn');
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByRole('button', { name: 'Remove demo images' }).click();
    return await work(page);
  } finally {
    await browser.close();
    process.kill(-server.pid!);
  }
}
