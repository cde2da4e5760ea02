/**
 * Small charts drawn by the app itself: a plot is a list of primitives (lines, rectangles,
 * text) laid out once, then written as SVG (shown, and downloaded) or painted on a canvas for
 * PNG (io/plotImage.ts). Colours are attributes, never style attributes, so the Content-Security-Policy's
 * style-src 'self' allows the SVG shown in the page.
 */

export type Primitive =
  | { kind: 'line'; points: Array<[number, number]>; color: string; width: number; dash?: boolean }
  | { kind: 'rect'; x: number; y: number; width: number; height: number; color: string; opacity?: number }
  | { kind: 'text'; x: number; y: number; text: string; anchor: 'start' | 'middle' | 'end'; size: number; color?: string; rotate?: boolean };

export interface Plot {
  width: number;
  height: number;
  primitives: Primitive[];
}

export interface Series {
  name: string;
  color: string;
  points: Array<[number, number]>;
}

const WIDTH = 420, HEIGHT = 260;
const MARGIN = { left: 52, right: 14, top: 44, bottom: 44 };
/** Axes and labels; text without a colour of its own is drawn in it. */
export const AXIS_COLOR = '#9aa4b2';
const AXIS = AXIS_COLOR, TEXT = '#e6e9ef';

interface Axes {
  x: (value: number) => number;
  y: (value: number) => number;
  primitives: Primitive[];
}

/** Frame, ticks and labels for x in [x0, x1] and y in [y0, y1]. */
function axes(title: string, xLabel: string, yLabel: string, [x0, x1]: [number, number], [y0, y1]: [number, number], xTicks: number[], yTicks: number[], tickText: (x: number) => string): Axes {
  const left = MARGIN.left, right = WIDTH - MARGIN.right, top = MARGIN.top, bottom = HEIGHT - MARGIN.bottom;
  const x = (value: number) => left + ((value - x0) / (x1 - x0 || 1)) * (right - left);
  const y = (value: number) => bottom - ((value - y0) / (y1 - y0 || 1)) * (bottom - top);
  const primitives: Primitive[] = [
    { kind: 'rect', x: 0, y: 0, width: WIDTH, height: HEIGHT, color: '#14171c' },
    { kind: 'text', x: WIDTH / 2, y: 18, text: title, anchor: 'middle', size: 13, color: TEXT },
    { kind: 'line', points: [[left, top], [left, bottom], [right, bottom]], color: AXIS, width: 1 },
    { kind: 'text', x: (left + right) / 2, y: HEIGHT - 8, text: xLabel, anchor: 'middle', size: 11 },
    { kind: 'text', x: 14, y: (top + bottom) / 2, text: yLabel, anchor: 'middle', size: 11, rotate: true },
  ];
  for (const tick of xTicks) {
    primitives.push({ kind: 'line', points: [[x(tick), bottom], [x(tick), bottom + 4]], color: AXIS, width: 1 });
    primitives.push({ kind: 'text', x: x(tick), y: bottom + 16, text: tickText(tick), anchor: 'middle', size: 10 });
  }
  for (const tick of yTicks) {
    primitives.push({ kind: 'line', points: [[left - 4, y(tick)], [right, y(tick)]], color: '#2a3039', width: 1 });
    primitives.push({ kind: 'text', x: left - 7, y: y(tick) + 3, text: String(Math.round(tick * 100) / 100), anchor: 'end', size: 10 });
  }
  return { x, y, primitives };
}

/** One row of legend entries under the title, above the plot area (never over the data). */
function legend(series: ReadonlyArray<{ name: string; color: string }>): Primitive[] {
  let x = MARGIN.left;
  return series.flatMap(({ name, color }): Primitive[] => {
    const at = x;
    x += 22 + name.length * 5.6;
    return [
      { kind: 'rect', x: at, y: 27, width: 10, height: 8, color },
      { kind: 'text', x: at + 14, y: 35, text: name, anchor: 'start', size: 10 },
    ];
  });
}

/** F1 (0 to 1) against the IoU threshold, one line per series. */
export function f1Plot(series: readonly Series[]): Plot {
  const thresholds = series[0]?.points.map(([t]) => t) ?? [0.5, 0.95];
  const frame = axes('F1 against the IoU threshold', 'IoU threshold', 'F1', [thresholds[0], thresholds.at(-1)!], [0, 1], thresholds.filter((_, i) => i % 2 === 0), [0, 0.25, 0.5, 0.75, 1], (t) => t.toFixed(2));
  const lines = series.map((s): Primitive => ({ kind: 'line', points: s.points.map(([t, f1]) => [frame.x(t), frame.y(f1)]), color: s.color, width: 2 }));
  return { width: WIDTH, height: HEIGHT, primitives: [...frame.primitives, ...lines, ...legend(series)] };
}

/** Objects per size class (pixels, log-spaced bins), one set of bars per series side by side. */
export function areaHistogram(sets: ReadonlyArray<{ name: string; color: string; areas: readonly number[] }>): Plot {
  const largest = Math.max(2, ...sets.flatMap((set) => set.areas));
  const edges: number[] = [1];
  while (edges.at(-1)! <= largest) edges.push(edges.at(-1)! * 2);
  const counts = sets.map((set) => edges.slice(0, -1).map((low, i) => set.areas.filter((a) => a >= low && a < edges[i + 1]).length));
  const top = Math.max(1, ...counts.flat());
  const bins = edges.length - 1;
  const yTicks = [0, Math.round(top / 2), top].filter((v, i, all) => all.indexOf(v) === i);
  const frame = axes('Object areas', 'area (pixels, from … to twice that)', 'objects', [0, bins], [0, top], [...Array(bins).keys()].filter((i) => i % 2 === 0), yTicks, (i) => String(edges[i]));
  const slot = (frame.x(1) - frame.x(0)) / (sets.length + 1);
  const bars = counts.flatMap((row, s) =>
    row.map((count, i): Primitive => ({ kind: 'rect', x: frame.x(i) + slot * (s + 0.5), y: frame.y(count), width: slot, height: frame.y(0) - frame.y(count), color: sets[s].color, opacity: 0.85 })),
  );
  return { width: WIDTH, height: HEIGHT, primitives: [...frame.primitives, ...bars, ...legend(sets)] };
}

const escapeXml = (text: string) => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** The plot as an SVG document. */
export function plotToSvg({ width, height, primitives }: Plot): string {
  const parts = primitives.map((p) => {
    if (p.kind === 'line') {
      return `<polyline points="${p.points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}" fill="none" stroke="${p.color}" stroke-width="${p.width}"${p.dash ? ' stroke-dasharray="4 3"' : ''}/>`;
    }
    if (p.kind === 'rect') return `<rect x="${p.x.toFixed(1)}" y="${p.y.toFixed(1)}" width="${p.width.toFixed(1)}" height="${p.height.toFixed(1)}" fill="${p.color}"${p.opacity ? ` fill-opacity="${p.opacity}"` : ''}/>`;
    const rotate = p.rotate ? ` transform="rotate(-90 ${p.x} ${p.y})"` : '';
    return `<text x="${p.x.toFixed(1)}" y="${p.y.toFixed(1)}" text-anchor="${p.anchor}" font-size="${p.size}" font-family="system-ui, sans-serif" fill="${p.color ?? AXIS}"${rotate}>${escapeXml(p.text)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}
