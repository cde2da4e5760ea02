// What a user feels during a gesture, recorded in the page (headless Chromium with frame-rate
// limiting off, so frames come when the work allows, not at the display's pace):
// - input to next paint of every input event: the event's timeStamp to a task posted from the
//   next animation frame (it runs once that frame's rendering is done), "rAF-after-input";
//   alongside, the Event Timing API (PerformanceObserver 'event', durationThreshold 16), which
//   reports only events over 16 ms, rounded to 8 ms;
// - long tasks ('longtask') and long animation frames ('long-animation-frame', over 50 ms) during
//   the gesture and in the 1 s after it;
// - in a second, sampling pass: in every frame, the objects layer's pixels at the centres of up
//   to 48 objects inside the viewport, checked against the model (a fill must be there), and
//   how the renderer says it drew the frame (sharp tiles, or scaled from a coarser level).
import type { Page } from '@playwright/test';

/** Chromium flags for the browser under test: frames as fast as the work allows. */
export const UNTHROTTLED = ['--disable-frame-rate-limit', '--disable-gpu-vsync'];

/** Where the generated objects are: one per grid cell of `cell` image px, object i at (i % grid, i / grid). */
export interface Layout {
  cell: number;
  grid: number;
}

export interface Recording {
  /** Input to next paint per input event, ms, with the event type. */
  latencies: Array<{ type: string; at: number; latency: number }>;
  /** Event Timing entries over 16 ms during the gesture. */
  slowEvents: number[];
  longestTask: number;
  longestFrame: number;
  /** Sampling pass only: frames checked, frames with an object missing, frames not drawn sharp. */
  frames: number;
  missingFrames: number;
  coarseFrames: number;
  /** Sampling pass: each frame's time and whether it was sharp with nothing missing. */
  samples: Array<{ t: number; good: boolean }>;
}

/** Installs the recorder in the page (once per page load). */
export async function installRecorder(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Bench = {
      on: boolean;
      sampling: boolean;
      layout: { cell: number; grid: number; skip: number[] } | null;
      pending: Array<{ type: string; at: number }>;
      latencies: Array<{ type: string; at: number; latency: number }>;
      tasks: Array<{ start: number; duration: number }>;
      frames: Array<{ start: number; duration: number }>;
      events: Array<{ start: number; duration: number }>;
      samples: Array<{ t: number; quality: string; missing: number; checked: number }>;
      rafPending: boolean;
      kick: () => void;
    };
    const w = window as unknown as { bench: Bench };
    const bench: Bench = { on: false, sampling: false, layout: null, pending: [], latencies: [], tasks: [], frames: [], events: [], samples: [], rafPending: false, kick: () => {} };
    w.bench = bench;
    const channel = new MessageChannel();
    let batch: Array<{ type: string; at: number }> = [];
    let viewAtFrame = '';
    channel.port1.onmessage = () => {
      const now = performance.now();
      for (const input of batch) bench.latencies.push({ ...input, latency: now - input.at });
      batch = [];
      if (bench.sampling) sample(now);
      if (bench.sampling && bench.on) requestFrame();
    };
    const frame = () => {
      bench.rafPending = false;
      // Read in the frame, before Konva draws it: the view the layers are drawn with now.
      viewAtFrame = document.querySelector<HTMLElement>('[data-testid="viewer"]')?.dataset.view ?? '';
      batch = batch.concat(bench.pending);
      bench.pending = [];
      channel.port2.postMessage(null);
    };
    const requestFrame = () => {
      if (bench.rafPending) return;
      bench.rafPending = true;
      requestAnimationFrame(frame);
    };
    bench.kick = requestFrame;
    const onInput = (event: Event) => {
      if (!bench.on) return;
      bench.pending.push({ type: event.type, at: event.timeStamp });
      requestFrame();
    };
    for (const type of ['mousemove', 'mousedown', 'mouseup', 'wheel', 'keydown']) window.addEventListener(type, onInput, { capture: true, passive: true });
    const record = (into: Array<{ start: number; duration: number }>) => (list: PerformanceObserverEntryList) => {
      for (const entry of list.getEntries()) into.push({ start: entry.startTime, duration: entry.duration });
    };
    new PerformanceObserver(record(bench.tasks)).observe({ type: 'longtask' });
    new PerformanceObserver(record(bench.frames)).observe({ type: 'long-animation-frame' });
    new PerformanceObserver(record(bench.events)).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);

    /** Checks the objects layer at object centres inside the viewport against the model. */
    function sample(now: number) {
      const layout = bench.layout;
      const canvas = document.querySelector<HTMLCanvasElement>('canvas[data-objects]');
      if (!layout || !canvas || !viewAtFrame) return;
      const [zoom, vx, vy] = viewAtFrame.split(' ').map(Number);
      const ratio = canvas.width / canvas.clientWidth;
      const width = canvas.clientWidth, height = canvas.clientHeight;
      const step = layout.cell * zoom;
      // Columns and rows whose centres are at least 3 px inside the viewport.
      const c0 = Math.max(0, Math.ceil((3 - vx) / step - 0.5)), c1 = Math.min(layout.grid - 1, Math.floor((width - 3 - vx) / step - 0.5));
      const r0 = Math.max(0, Math.ceil((3 - vy) / step - 0.5)), r1 = Math.min(layout.grid - 1, Math.floor((height - 3 - vy) / step - 0.5));
      const ctx = canvas.getContext('2d')!;
      let missing = 0, checked = 0;
      const pick = (from: number, to: number, n: number) => (to < from ? [] : [...new Set(Array.from({ length: n }, (_, k) => Math.round(from + ((to - from) * k) / Math.max(1, n - 1))))]);
      for (const row of pick(r0, r1, 6)) {
        for (const col of pick(c0, c1, 8)) {
          if (layout.skip.includes(row * layout.grid + col)) continue;
          const x = Math.round((vx + (col + 0.5) * step) * ratio), y = Math.round((vy + (row + 0.5) * step) * ratio);
          const data = ctx.getImageData(x - 1, y - 1, 3, 3).data;
          let alpha = 0;
          for (let k = 3; k < data.length; k += 4) alpha = Math.max(alpha, data[k]);
          checked++;
          // The fill is drawn at 35 % opacity (alpha 89); well under it, the object is not there.
          if (alpha < 40) missing++;
          if (alpha < 40 && (window as any).benchMisses?.length < 20) (window as any).benchMisses.push(`${col},${row} at ${x},${y} view ${viewAtFrame} q ${canvas.dataset.objects}`);
        }
      }
      bench.samples.push({ t: now, quality: canvas.dataset.objects ?? '', missing, checked });
    }
  });
}

/** Objects the sampler must not expect on the objects layer (selected ones are drawn on another). */
export async function setLayout(page: Page, layout: Layout | null, skip: number[] = []): Promise<void> {
  await page.evaluate(({ layout, skip }) => {
    (window as unknown as { bench: { layout: unknown } }).bench.layout = layout && { ...layout, skip };
  }, { layout, skip });
}

/** Runs `gesture` while recording, then keeps recording for `afterMs` (long tasks, late frames). */
export async function record(page: Page, sampling: boolean, gesture: () => Promise<void>, afterMs = 1000): Promise<Recording> {
  const start = await page.evaluate((sampling) => {
    const bench = (window as unknown as { bench: { on: boolean; sampling: boolean; latencies: unknown[]; samples: unknown[]; kick: () => void } }).bench;
    Object.assign(bench, { on: true, sampling, latencies: [], samples: [] });
    if (sampling) bench.kick(); // from here on, every frame is sampled
    return performance.now();
  }, sampling);
  await gesture();
  const end = await page.evaluate(() => performance.now());
  await page.waitForTimeout(afterMs);
  const raw = await page.evaluate(() => {
    const bench = (window as unknown as { bench: { on: boolean; sampling: boolean; latencies: Recording['latencies']; tasks: Array<{ start: number; duration: number }>; frames: Array<{ start: number; duration: number }>; events: Array<{ start: number; duration: number }>; samples: Array<{ t: number; quality: string; missing: number; checked: number }> } }).bench;
    bench.on = false;
    bench.sampling = false;
    return { latencies: bench.latencies, tasks: bench.tasks, frames: bench.frames, events: bench.events, samples: bench.samples, now: performance.now() };
  });
  const within = (entries: Array<{ start: number; duration: number }>, to: number) => entries.filter((entry) => entry.start + entry.duration >= start && entry.start <= to);
  const longest = (entries: Array<{ start: number; duration: number }>) => Math.max(0, ...within(entries, end + afterMs).map((entry) => entry.duration));
  const samples = raw.samples.filter((s) => s.checked > 0);
  return {
    latencies: raw.latencies,
    slowEvents: within(raw.events, end).map((entry) => entry.duration),
    longestTask: longest(raw.tasks),
    longestFrame: longest(raw.frames),
    frames: samples.length,
    missingFrames: samples.filter((s) => s.missing > 0).length,
    coarseFrames: samples.filter((s) => s.quality !== 'sharp').length,
    samples: samples.map((s) => ({ t: s.t, good: s.quality === 'sharp' && s.missing === 0 })),
  };
}

/** The view as the viewer reports it: zoom, x, y (screen px of image point 0,0). */
export async function viewOf(page: Page): Promise<{ zoom: number; x: number; y: number }> {
  const [zoom, x, y] = (await page.getByTestId('viewer').getAttribute('data-view'))!.split(' ').map(Number);
  return { zoom, x, y };
}

/** Time from an input of `type` (the last one before `stoppedAt`) to the first frame sharp and complete. */
export function sharpAfter(recording: Recording, type: string, stoppedAt: (inputs: Recording['latencies']) => number): number {
  const stop = stoppedAt(recording.latencies.filter((input) => input.type === type));
  const first = recording.samples.find((s) => s.t >= stop && s.good);
  return first ? first.t - stop : Infinity;
}
