/**
 * Exact outlines with few vertices: the rings of a traced object (vertices on pixel corners,
 * edges along pixel edges) replaced by rings with far fewer vertices whose pixel-centre even-odd
 * rasterization (rasterize.ts) is exactly the same pixel set. Vertices need not sit on corners.
 *
 * Why it is exact. First, the ring through the midpoints of every unit pixel edge (each corner
 * cut at 45°) covers the same centres as the traced ring: a cut-off corner triangle holds no
 * centre. Then replacing the part of that ring from vertex a to vertex b by the straight chord
 * a–b flips the even-odd parity of exactly the points inside the loop the part and the chord
 * close; so a chord is allowed when that loop holds no pixel centre, by the rasterizer's own rule
 * (a row's crossings at or left of a centre, rows half-open at the top). A chord through a centre
 * is refused, so no tie is ever left to rounding. Chord ends may also sit a little off the
 * midpoints (OFFSETS, along the normal), which lets chords reach further round curves.
 * Coordinates are multiples of 1/UNIT pixel, so vertices are exact in floating point.
 *
 * Each ring is reduced greedily (every chord as long as it may be); if the result crosses itself
 * where the trace did not, another start is tried. A result that does not rasterize back to the
 * same pixels (a safety net; it never happens on the dataset) is not used.
 */
import { ringSelfIntersects } from '../geometry';
import type { Ring } from '../objects';
import { pixelBoxOf, rasterizeLocal, sortRange } from './rasterize';

/** Starts tried per ring (spread evenly) until one gives a ring that does not cross itself. */
const STARTS = 4;

/**
 * Rings with fewer vertices covering exactly the same pixel centres, every vertex inside
 * [0, width] x [0, height] (the image). Rings must have integer vertices and axis-parallel edges,
 * as traceLabels makes them; any other ring is kept as it is.
 */
export function simplifyExact(rings: readonly Ring[], bounds: { width: number; height: number } = { width: Infinity, height: Infinity }): Ring[] {
  // Vertices stay inside the image, so an object on its border does not reach past it.
  const box = [0, 0, UNIT * bounds.width, UNIT * bounds.height];
  const simplified = rings.map((ring) => (isTraced(ring) ? simplifyRing(ring, box) : [...ring]));
  return samePixels(rings, simplified) ? simplified : rings.map((ring) => [...ring]);
}

function isTraced(ring: Ring): boolean {
  const n = ring.length >> 1;
  if (n < 4 || !ring.every(Number.isInteger)) return false;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    if (ring[2 * i] !== ring[2 * j] && ring[2 * i + 1] !== ring[2 * j + 1]) return false;
  }
  return true;
}

function simplifyRing(ring: Ring, box: number[]): Ring {
  const mid = midpointRing(ring);
  const n = mid.points.length >> 1;
  const crossesItself = ringSelfIntersects(ring);
  for (let s = 0; s < STARTS; s++) {
    const candidate = greedyFrom(mid, Math.floor((s * n) / STARTS), box).map((v) => v / UNIT);
    if (candidate.length >= ring.length) break; // nothing gained (a rectangle, a single pixel)
    if (crossesItself || !ringSelfIntersects(candidate)) return candidate;
  }
  return [...ring];
}

/** Coordinates are computed in units of 1/UNIT pixel: pixel centres are then ≡ UNIT / 2 (mod UNIT). */
const UNIT = 8;
const CENTRE = UNIT / 2;
/** How far (in units, out of the object first) a chord's end may sit off an edge's midpoint, along its normal. */
const OFFSETS = [0, 2, -2, 3, -3];

/**
 * The midpoint of every unit pixel edge of a traced ring, and the normal pointing out of the
 * object there (the trace walks with the object on its right), in 1/UNIT pixel units.
 */
function midpointRing(ring: Ring): { points: number[]; normals: number[] } {
  const n = ring.length >> 1;
  const points: number[] = [], normals: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const x0 = ring[2 * i], y0 = ring[2 * i + 1];
    const dx = Math.sign(ring[2 * j] - x0), dy = Math.sign(ring[2 * j + 1] - y0);
    const length = Math.abs(ring[2 * j] - x0) + Math.abs(ring[2 * j + 1] - y0);
    for (let k = 0; k < length; k++) {
      points.push(UNIT * x0 + (UNIT * k + CENTRE) * dx, UNIT * y0 + (UNIT * k + CENTRE) * dy);
      normals.push(dy, -dx);
    }
  }
  return { points, normals };
}

/**
 * From vertex `start`, each chord reaches as far along the midpoint ring as it may; its end may
 * move off the midpoint by one of OFFSETS along the normal where that reaches further.
 */
function greedyFrom({ points, normals }: { points: number[]; normals: number[] }, start: number, box: number[]): number[] {
  const n = points.length >> 1;

  const out: number[] = [];
  let a = start;
  let from = [points[2 * a], points[2 * a + 1]];
  for (let walked = 0; walked < n; ) {
    out.push(from[0], from[1]);
    let reach = 1;
    let end = [points[2 * ((a + 1) % n)], points[2 * ((a + 1) % n) + 1]];
    for (let steps = 2; walked + steps <= n; steps++) {
      const b = (a + steps) % n;
      const candidates =
        steps === n - walked
          ? [[points[2 * b], points[2 * b + 1]]]
          : OFFSETS.map((o) => [points[2 * b] + o * normals[2 * b], points[2 * b + 1] + o * normals[2 * b + 1]]).filter(([x, y]) => x >= box[0] && y >= box[1] && x <= box[2] && y <= box[3]);
      const allowed = candidates.find((to) => chordAllowed(points, a, steps, from, to));
      if (!allowed) break;
      reach = steps;
      end = allowed;
    }
    a = (a + reach) % n;
    walked += reach;
    from = end;
  }
  return out;
}

/** The first y >= v with y ≡ CENTRE (mod UNIT): the next row of pixel centres. */
function nextCentre(v: number): number {
  return v + ((((CENTRE - v) % UNIT) + UNIT) % UNIT);
}

/** Scratch space of chordAllowed, grown as needed: the loop's vertices, and crossings bucketed by row. */
let loop = new Float64Array(256);
let rowStart = new Int32Array(64);
let crossings = new Float64Array(256);

/**
 * Whether the chord from `from` (at or beside midpoint a) to `to` (at or beside midpoint
 * a + steps, forwards, wrapping) may replace the midpoint ring between: no pixel centre inside
 * the loop they close (from → midpoint a → … → midpoint a + steps → to → from), none on the chord.
 * Crossings are kept as floats: two different ones differ by far more than rounding (their
 * denominators are below UNIT times the image size), and ties with centres are decided exactly.
 */
function chordAllowed(ring: number[], a: number, steps: number, from: number[], to: number[]): boolean {
  const n = ring.length >> 1;
  const m = steps + 3;
  if (loop.length < 2 * m) loop = new Float64Array(4 * m);
  loop[0] = from[0];
  loop[1] = from[1];
  for (let k = 0; k <= steps; k++) {
    loop[2 * k + 2] = ring[2 * ((a + k) % n)];
    loop[2 * k + 3] = ring[2 * ((a + k) % n) + 1];
  }
  loop[2 * m - 2] = to[0];
  loop[2 * m - 1] = to[1];
  let top = Infinity, bottom = -Infinity;
  for (let i = 1; i < 2 * m; i += 2) {
    top = Math.min(top, loop[i]);
    bottom = Math.max(bottom, loop[i]);
  }
  const firstRow = nextCentre(top);
  const rows = Math.max(0, Math.ceil((bottom - firstRow) / UNIT));
  if (rows === 0) return true;
  if (rowStart.length < rows + 1) rowStart = new Int32Array(2 * rows + 1);
  rowStart.fill(0, 0, rows + 1);
  // Two passes over the loop's edges: count the crossings per row, then place them.
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < m; i++) {
      const j = i + 1 === m ? 0 : i + 1;
      const x0 = loop[2 * i], y0 = loop[2 * i + 1], x1 = loop[2 * j], y1 = loop[2 * j + 1];
      if (y0 === y1) continue;
      // Rows whose centre line y satisfies min <= y < max (the rasterizer's half-open rule).
      for (let y = nextCentre(Math.min(y0, y1)), end = Math.max(y0, y1); y < end; y += UNIT) {
        const row = (y - firstRow) / UNIT;
        if (pass === 0) {
          rowStart[row + 1]++;
          continue;
        }
        const x = x0 + ((y - y0) * (x1 - x0)) / (y1 - y0);
        // The chord (last edge) through a centre: decided exactly, num / den with den = |y1 - y0|.
        if (j === 0 && ((x0 * (y1 - y0) + (y - y0) * (x1 - x0)) % (y1 - y0) === 0) && nextCentre(Math.round(x)) === Math.round(x)) return false;
        crossings[rowStart[row]++] = x;
      }
    }
    if (pass === 0) {
      // Prefix sums: rowStart[r] is where row r's crossings go.
      for (let r = 0; r < rows; r++) rowStart[r + 1] += rowStart[r];
      if (crossings.length < rowStart[rows]) crossings = new Float64Array(2 * rowStart[rows]);
    }
  }
  // After placing, rowStart[r] is the end of row r (and the start of row r + 1).
  for (let r = 0, start = 0; r < rows; start = rowStart[r++]) {
    const end = rowStart[r];
    sortRange(crossings, start, end);
    for (let i = start; i + 1 < end; i += 2) {
      // The first centre at or right of the entering crossing must not lie before the leaving one.
      if (nextCentre(Math.ceil(crossings[i] - 1e-9)) < crossings[i + 1] - 1e-9) return false;
    }
  }
  return true;
}

/** Whether two sets of rings cover exactly the same pixel centres (checked with the rasterizer itself). */
function samePixels(a: readonly Ring[], b: readonly Ring[]): boolean {
  const box = pixelBoxOf([...a, ...b]);
  const first = rasterizeLocal(a, box), second = rasterizeLocal(b, box);
  return first.every((label, i) => label === second[i]);
}
