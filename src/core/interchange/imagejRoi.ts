/**
 * One ImageJ `.roi` file, read and written as ImageJ's RoiDecoder and RoiEncoder (ij/io) do:
 * a 64-byte big-endian header ("Iout", version, type, bounds, vertex count, options), the
 * vertices, then a second 64-byte header that points at the ROI's name.
 *
 * Coordinates: ImageJ's area outlines are in pixel-corner coordinates, (0, 0) the top-left
 * corner of the top-left pixel, as the app's are; integer vertices are 16-bit offsets from the
 * bounds' left and top, and with the SUB_PIXEL_RESOLUTION option (version ≥ 222) 32-bit floats
 * follow them, absolute, which ImageJ then uses instead. Objects of several rings (holes,
 * pieces) are composite ROIs, as ImageJ saves combined selections: type rectangle with a
 * "shape array" of path segments (move, line, close) in floats, filled even-odd by ImageJ too.
 *
 * ImageJ fills them by its own rule (imagejFill.ts); imagejRoiZip.ts makes the pixels agree.
 */
import { FileFormatError } from '../errors';
import { cleanRing } from '../geometry';
import type { Ring } from '../objects';

/** Coordinates beyond this are refused: no image comes near, and floats stay exact in 1/8 pixels. */
const MAX_ROI_COORDINATE = 2 ** 20;

/** What one `.roi` file holds, as far as the app can use it. */
export type RoiShape =
  /** `composite`: from a composite ROI, which ImageJ fills from the floats as they are (imagejVertices). */
  | { kind: 'rings'; rings: Ring[]; composite: boolean }
  /** On whole-pixel bounds, filled as ImageJ fills an oval (ovalRings); the image's size is needed first. */
  | { kind: 'oval'; x: number; y: number; width: number; height: number }
  /** Not an area the app keeps (a line, points, text…), by what it is. */
  | { kind: 'skipped'; what: string };

const HEADER_SIZE = 64;
const HEADER2_SIZE = 64;
/** Written: ImageJ 1.52t's version; what is written needs 222 (sub-pixel floats) to be read. */
const VERSION = 228;
const MAGIC = [0x49, 0x6f, 0x75, 0x74]; // "Iout"

// Header offsets (RoiDecoder).
const VERSION_AT = 4, TYPE_AT = 6, TOP = 8, LEFT = 10, BOTTOM = 12, RIGHT = 14, N_COORDINATES = 16;
const SIZE = 18, XD = 18, YD = 22, WIDTHD = 26, HEIGHTD = 30, SHAPE_ROI_SIZE = 36, SUBTYPE = 48, OPTIONS = 50;
const ROUNDED_RECT_ARC_SIZE = 54, HEADER2_OFFSET = 60;
const NAME_OFFSET = 16, NAME_LENGTH = 20; // in header 2

const POLYGON = 0, RECT = 1, OVAL = 2, LINE = 3, FREEHAND = 7, TRACED = 8;
const TEXT = 1, ARROW = 2, IMAGE = 4; // subtypes
const SPLINE_FIT = 1, SUB_PIXEL_RESOLUTION = 128; // options
const MOVE_TO = 0, LINE_TO = 1, QUAD_TO = 2, CUBIC_TO = 3, CLOSE = 4; // java.awt.geom.PathIterator

/** The types that are not areas, by the name ImageJ's tools give them. */
const NOT_AREAS: Record<number, string> = { 3: 'line', 4: 'freehand line', 5: 'segmented line', 9: 'angle', 10: 'point' };

/**
 * Reads one `.roi` file (`entry`, inside `fileName`). Throws FileFormatError naming both for a
 * file that is not an ROI, claims more data than it holds, or has a coordinate that is not a
 * finite number within ±MAX_ROI_COORDINATE. Nothing is allocated from a count before the bytes
 * for it are known to be present.
 */
export function decodeRoi(fileName: string, entry: string, bytes: Uint8Array): RoiShape {
  const fail = (reason: string) => new FileFormatError(fileName, `${entry}: ${reason}`);
  if (bytes.length < HEADER_SIZE || MAGIC.some((byte, i) => bytes[i] !== byte)) throw fail('not an ImageJ ROI (no "Iout" header)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(VERSION_AT);
  const type = bytes[TYPE_AT];
  const subtype = view.getInt16(SUBTYPE);
  const options = view.getInt16(OPTIONS);
  const subPixel = (options & SUB_PIXEL_RESOLUTION) !== 0 && version >= 222;
  const [top, left, bottom, right] = [TOP, LEFT, BOTTOM, RIGHT].map((at) => imagejShort(view, at));
  const coordinate = (value: number, what: string) => {
    if (!Number.isFinite(value) || Math.abs(value) > MAX_ROI_COORDINATE) throw fail(`${what} is ${value}, not a coordinate within ±${MAX_ROI_COORDINATE}`);
    return value;
  };

  const shapeSize = view.getInt32(SHAPE_ROI_SIZE);
  if (shapeSize > 0) {
    if (type !== RECT) throw fail(`a composite ROI must have type ${RECT}, not ${type}`);
    if (HEADER_SIZE + 4 * shapeSize > bytes.length) throw fail(`claims ${shapeSize} path values but holds ${Math.floor((bytes.length - HEADER_SIZE) / 4)}`);
    return compositeRings(view, shapeSize, fail, coordinate);
  }
  if (type in NOT_AREAS) return { kind: 'skipped', what: type === LINE && subtype === ARROW ? 'arrow' : NOT_AREAS[type] };
  if (type === RECT || type === OVAL) {
    if (type === RECT && subtype === TEXT) return { kind: 'skipped', what: 'text' };
    if (type === RECT && subtype === IMAGE) return { kind: 'skipped', what: 'image' };
    if (type === RECT && view.getInt16(ROUNDED_RECT_ARC_SIZE) > 0) return { kind: 'skipped', what: 'rounded rectangle' };
    // ImageJ fills sub-pixel rectangles and ovals on whole-pixel bounds, taken as its Roi
    // constructor takes them: x and y truncated, width and height rounded up.
    const float = version >= 223 && subPixel;
    const [x, y, width, height] = float
      ? [XD, YD, WIDTHD, HEIGHTD].map((at, i) => coordinate(view.getFloat32(at), ['x', 'y', 'width', 'height'][i])).map((v, i) => (i < 2 ? Math.trunc(v) : Math.ceil(v)))
      : [left, top, right - left, bottom - top];
    if (type === OVAL) return { kind: 'oval', x, y, width, height };
    return { kind: 'rings', rings: [[x, y, x + width, y, x + width, y + height, x, y + height]], composite: false };
  }
  if (type !== POLYGON && type !== FREEHAND && type !== TRACED) return { kind: 'skipped', what: `type ${type}` };
  // ImageJ fits a spline through such a polygon's vertices when it opens it: not these vertices.
  if (options & SPLINE_FIT) return { kind: 'skipped', what: 'spline-fit outline' };

  const n = view.getUint16(N_COORDINATES) || view.getInt32(SIZE);
  if (n <= 0) return { kind: 'skipped', what: 'empty outline' };
  const bytesPerVertex = subPixel ? 12 : 4;
  if (HEADER_SIZE + n * bytesPerVertex > bytes.length) throw fail(`claims ${n} vertices but holds ${Math.floor((bytes.length - HEADER_SIZE) / bytesPerVertex)}`);
  const ring: number[] = new Array(2 * n);
  for (let i = 0; i < n; i++) {
    if (subPixel) {
      ring[2 * i] = coordinate(view.getFloat32(HEADER_SIZE + 4 * n + 4 * i), `x of vertex ${i + 1}`);
      ring[2 * i + 1] = coordinate(view.getFloat32(HEADER_SIZE + 8 * n + 4 * i), `y of vertex ${i + 1}`);
    } else {
      // As ImageJ: offsets below 0 count as 0.
      ring[2 * i] = left + Math.max(0, imagejShort(view, HEADER_SIZE + 2 * i));
      ring[2 * i + 1] = top + Math.max(0, imagejShort(view, HEADER_SIZE + 2 * n + 2 * i));
    }
  }
  return { kind: 'rings', rings: [cleanRing(ring)], composite: false };
}

/** ImageJ's getShort: signed, except that values below -5000 are taken as unsigned (bounds past 32767). */
function imagejShort(view: DataView, at: number): number {
  const value = view.getInt16(at);
  return value < -5000 ? value + 65536 : value;
}

/** The rings of a composite ROI's path; one with curves is skipped (the app keeps polygons only). */
function compositeRings(view: DataView, size: number, fail: (reason: string) => Error, coordinate: (value: number, what: string) => number): RoiShape {
  const rings: Ring[] = [];
  let ring: number[] = [];
  const finish = () => {
    if (ring.length) rings.push(cleanRing(ring));
    ring = [];
  };
  for (let i = 0; i < size; ) {
    const segment = view.getFloat32(HEADER_SIZE + 4 * i++);
    if (segment === QUAD_TO || segment === CUBIC_TO) return { kind: 'skipped', what: 'composite with curves' };
    if (segment === CLOSE) finish();
    else if (segment === MOVE_TO || segment === LINE_TO) {
      if (i + 2 > size) throw fail('the composite path ends inside a segment');
      if (segment === MOVE_TO) finish();
      ring.push(coordinate(view.getFloat32(HEADER_SIZE + 4 * i), 'a path x'), coordinate(view.getFloat32(HEADER_SIZE + 4 * i + 4), 'a path y'));
      i += 2;
    } else throw fail(`the composite path has a segment of unknown type ${segment}`);
  }
  finish();
  return { kind: 'rings', rings, composite: true };
}

/**
 * The pixels ImageJ's OvalRoi fills, as rings within `columns` x `rows` (the image), computed as
 * OvalRoi.getMask does so that ties fall the same way: pixel (px, py) when xx²/a² + yy²/b² ≤ 1,
 * a, b the half width and height, xx, yy its centre's offsets from the oval's centre (exact for
 * ImageJ's integer bounds, which decodeRoi gives every oval). Each row's pixels are one run
 * about the centre column, widest in the middle row, so the outline is one staircase ring (right
 * side down, left side up) along pixel edges, made from the runs without a mask.
 */
export function ovalRings(oval: { x: number; y: number; width: number; height: number }, columns: number, rows: number): Ring[] {
  const a = oval.width / 2, b = oval.height / 2;
  if (!(a > 0 && b > 0)) return [];
  const inside = (px: number, py: number) => {
    const xx = px - oval.x - (a - 0.5), yy = py - oval.y - (b - 0.5);
    return (xx * xx) / (a * a) + (yy * yy) / (b * b) <= 1;
  };
  const runs: Array<[y: number, x0: number, x1: number]> = [];
  for (let y = Math.max(0, Math.floor(oval.y)); y < Math.min(rows, Math.ceil(oval.y + oval.height)); y++) {
    const yy = y - oval.y - (b - 0.5);
    if (yy * yy > b * b) continue;
    // Where the run should end, a pixel wide either way; the test itself settles the ends.
    const centre = oval.x + a, half = a * Math.sqrt(1 - (yy * yy) / (b * b));
    let x0 = Math.max(0, Math.ceil(centre - half - 0.5) - 1), x1 = Math.min(columns, Math.floor(centre + half - 0.5) + 2);
    while (x0 < x1 && !inside(x0, y)) x0++;
    while (x1 > x0 && !inside(x1 - 1, y)) x1--;
    if (x1 > x0) runs.push([y, x0, x1]);
  }
  if (runs.length === 0) return [];
  const staircase: number[] = [];
  for (const [y, , x1] of runs) staircase.push(x1, y, x1, y + 1);
  for (const [y, x0] of runs.reverse()) staircase.push(x0, y + 1, x0, y);
  return [turnsOnly(cleanRing(staircase))];
}

/** An axis-parallel ring without the vertices that lie straight between their neighbours. */
function turnsOnly(ring: Ring): Ring {
  const n = ring.length / 2, out: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = ((i + n - 1) % n) * 2, c = i * 2, q = ((i + 1) % n) * 2;
    const straight = (ring[p] === ring[c] && ring[c] === ring[q]) || (ring[p + 1] === ring[c + 1] && ring[c + 1] === ring[q + 1]);
    if (!straight) out.push(ring[c], ring[c + 1]);
  }
  return out;
}

/**
 * One object as a `.roi` file named `name`: a polygon ROI for one ring of at most 65535
 * vertices, else a composite ROI of all its rings. Floats are written when a vertex is not an
 * integer or lies outside 0..32767 (what 16-bit offsets surely carry); ImageJ reads them then.
 */
export function encodeRoi(name: string, rings: readonly Ring[]): Uint8Array {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i += 2) {
      minX = Math.min(minX, ring[i]);
      maxX = Math.max(maxX, ring[i]);
      minY = Math.min(minY, ring[i + 1]);
      maxY = Math.max(maxY, ring[i + 1]);
    }
  }
  const bounds = { left: int16(Math.floor(minX)), top: int16(Math.floor(minY)), right: int16(Math.ceil(maxX)), bottom: int16(Math.ceil(maxY)) };
  return isComposite(rings) ? compositeRoi(name, rings, bounds) : polygonRoi(name, rings[0], bounds);
}

/** Whether encodeRoi writes these rings as a composite ROI (ImageJ's polygons carry one ring of at most 65535 vertices). */
export function isComposite(rings: readonly Ring[]): boolean {
  return rings.length !== 1 || rings[0].length / 2 > 65535;
}

/**
 * The vertices ImageJ fills from, for rings as a `.roi` stores them: 32-bit floats, and for a
 * polygon, each less the smallest (PolygonRoi keeps them relative to their float bounds, which
 * can round off the last bit). Integers, as in integer ROIs, are exact either way.
 */
export function imagejVertices(rings: readonly Ring[], composite: boolean): Ring[] {
  const stored = rings.map((ring) => Array.from(Float32Array.from(ring)));
  if (composite) return stored;
  const [ring] = stored;
  const base = [0, 1].map((axis) => ring.reduce((min, v, i) => (i % 2 === axis ? Math.min(min, v) : min), Infinity));
  return [ring.map((v, i) => Math.fround(v - base[i % 2]) + base[i % 2])];
}

interface Bounds {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function polygonRoi(name: string, ring: Ring, bounds: Bounds): Uint8Array {
  const n = ring.length / 2;
  const subPixel = !ring.every((v) => Number.isInteger(v) && v >= 0 && v <= 32767);
  const header2 = HEADER_SIZE + n * (subPixel ? 12 : 4);
  const { bytes, view } = roiBytes(name, POLYGON, bounds, header2);
  view.setUint16(N_COORDINATES, n);
  if (subPixel) view.setInt16(OPTIONS, SUB_PIXEL_RESOLUTION);
  for (let i = 0; i < n; i++) {
    const x = ring[2 * i], y = ring[2 * i + 1];
    view.setInt16(HEADER_SIZE + 2 * i, clamp(Math.round(x) - bounds.left, 0, 32767));
    view.setInt16(HEADER_SIZE + 2 * n + 2 * i, clamp(Math.round(y) - bounds.top, 0, 32767));
    if (subPixel) {
      view.setFloat32(HEADER_SIZE + 4 * n + 4 * i, x);
      view.setFloat32(HEADER_SIZE + 8 * n + 4 * i, y);
    }
  }
  return bytes;
}

function compositeRoi(name: string, rings: readonly Ring[], bounds: Bounds): Uint8Array {
  // Per ring: move to the first vertex, a line to each other one, close (3n + 1 values).
  const size = rings.reduce((sum, ring) => sum + (3 * ring.length) / 2 + 1, 0);
  const { bytes, view } = roiBytes(name, RECT, bounds, HEADER_SIZE + 4 * size);
  view.setInt32(SHAPE_ROI_SIZE, size);
  let at = HEADER_SIZE;
  const put = (value: number) => {
    view.setFloat32(at, value);
    at += 4;
  };
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i += 2) {
      put(i === 0 ? MOVE_TO : LINE_TO);
      put(ring[i]);
      put(ring[i + 1]);
    }
    put(CLOSE);
  }
  return bytes;
}

/** A file with the main header filled in and header 2 at `header2`, followed by the name. */
function roiBytes(name: string, type: number, bounds: Bounds, header2: number): { bytes: Uint8Array; view: DataView } {
  const bytes = new Uint8Array(header2 + HEADER2_SIZE + 2 * name.length);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC);
  view.setUint16(VERSION_AT, VERSION);
  bytes[TYPE_AT] = type;
  view.setInt16(TOP, bounds.top);
  view.setInt16(LEFT, bounds.left);
  view.setInt16(BOTTOM, bounds.bottom);
  view.setInt16(RIGHT, bounds.right);
  view.setInt32(HEADER2_OFFSET, header2);
  view.setInt32(header2 + NAME_OFFSET, header2 + HEADER2_SIZE);
  view.setInt32(header2 + NAME_LENGTH, name.length);
  for (let i = 0; i < name.length; i++) view.setUint16(header2 + HEADER2_SIZE + 2 * i, name.charCodeAt(i));
  return { bytes, view };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Bounds as ImageJ's 16-bit header fields carry them (only integer ROIs rely on them). */
function int16(value: number): number {
  return clamp(value, -32768, 32767);
}
