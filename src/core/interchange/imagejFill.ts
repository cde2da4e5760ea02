/**
 * The pixels ImageJ fills for a polygon or composite ROI: a port of its PolygonFiller (ij/process,
 * float coordinates), used to tell whether ImageJ and the app fill an outline alike.
 *
 * Like the app, ImageJ fills a pixel when its centre is inside by the even-odd rule; unlike it,
 * a centre exactly on an edge is outside on a left or top edge and inside on a right or bottom
 * one (rows by rounding the vertices' y, columns with its 1e-8 nudge), the mirror of the app's
 * rule (rasterize.ts). The port follows ImageJ's arithmetic, including its running sum of the
 * slope from row to row, so that even such ties fall as they do in ImageJ.
 */
import type { PixelBox } from '../mask/rasterize';
import type { Ring } from '../objects';

interface Edge {
  /** First and one-past-last row (box-local) the edge crosses, and x where it crosses the first. */
  y1: number;
  y2: number;
  x: number;
  slope: number;
}

/** ImageJ's pixels of `rings` within `box`: 1 inside, 0 outside, row by row (as rasterizeLocal). */
export function imagejFill(rings: readonly Ring[], box: PixelBox): Uint32Array {
  const labels = new Uint32Array(box.width * box.height);
  const edges: Edge[] = [];
  for (const ring of rings) {
    const n = ring.length >> 1;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      let x1 = ring[2 * i] - box.x0, y1f = ring[2 * i + 1] - box.y0, x2 = ring[2 * j] - box.x0, y2f = ring[2 * j + 1] - box.y0;
      let y1 = Math.round(y1f), y2 = Math.round(y2f);
      if (y1 === y2 || (y1 <= 0 && y2 <= 0)) continue; // horizontal, or above the first row
      if (y1 > y2) [y1, y2, y1f, y2f, x1, x2] = [y2, y1, y2f, y1f, x2, x1];
      const slope = (x2 - x1) / (y2f - y1f);
      edges.push({ y1, y2, x: x1 + (y1 - y1f + 0.5) * slope + 1e-8, slope });
    }
  }
  // Edges that start above the box get there as ImageJ's shiftXValuesAndActivate takes them.
  for (const edge of edges) if (edge.y1 < 0 && edge.y2 >= 0) edge.x += edge.slope * -edge.y1;
  edges.sort((a, b) => a.y1 - b.y1);
  let active: Edge[] = [];
  const crossings: number[] = [];
  for (let y = 0, next = 0; y < box.height; y++) {
    active = active.filter((edge) => y < edge.y2);
    for (; next < edges.length && edges[next].y1 <= y; next++) if (y < edges[next].y2) active.push(edges[next]);
    crossings.length = 0;
    for (const edge of active) crossings.push(edge.x);
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const from = Math.min(box.width, Math.max(0, Math.trunc(crossings[k] + 0.5)));
      const to = Math.min(box.width, Math.max(0, Math.trunc(crossings[k + 1] + 0.5)));
      labels.fill(1, y * box.width + from, y * box.width + Math.max(from, to));
    }
    for (const edge of active) edge.x += edge.slope;
  }
  return labels;
}
