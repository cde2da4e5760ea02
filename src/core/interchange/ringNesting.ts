/**
 * An object's rings, filled together by the even-odd rule here, as polygons with holes for
 * formats that say which ring is a hole of which (GeoJSON, shapely, JTS): a ring inside an odd
 * number of the object's other rings is a hole of the ring that most closely holds it; every
 * other ring is the outer ring of a polygon. For rings that do not cross one another — outlines
 * traced from masks, simplified or not, and drawn ones — those polygons fill exactly what the
 * even-odd rule fills, so reading them back as rings changes no pixel.
 */
import { pointInRings } from '../geometry';
import type { Ring } from '../objects';

/** Polygons of `rings`: each is its outer ring followed by its holes, in the order the rings came. */
export function polygonsOfRings(rings: readonly Ring[]): Ring[][] {
  // containers[i]: the rings holding ring i (few rings per object: all pairs are compared).
  const containers = rings.map((ring, i) => rings.map((_, j) => j).filter((j) => j !== i && holds(rings[j], ring)));
  // A hole's closest container is the one inside all its others: it has one container fewer.
  // Rings that cross (no such container) are kept as outer rings rather than lost.
  const parents = containers.map((held) =>
    held.length % 2 === 0 ? undefined : held.find((j) => containers[j].length === held.length - 1 && containers[j].length % 2 === 0),
  );
  const polygons = new Map<number, Ring[]>();
  rings.forEach((ring, i) => {
    if (parents[i] === undefined) polygons.set(i, [ring]);
  });
  rings.forEach((ring, i) => {
    if (parents[i] !== undefined) polygons.get(parents[i])!.push(ring);
  });
  return [...polygons.values()];
}

/**
 * Whether `outer` holds `inner`. Rings that do not cross are either nested or apart, so one point
 * of `inner` off `outer`'s edges decides; traced rings share corner vertices, so a vertex on an
 * edge of `outer` is passed over (and so are edge midpoints, for rings sharing every vertex).
 */
function holds(outer: Ring, inner: Ring): boolean {
  const n = inner.length >> 1;
  for (let k = 0; k < 2 * n; k++) {
    const i = k >> 1, j = (i + 1) % n;
    const [x, y] = k % 2 === 0 ? [inner[2 * i], inner[2 * i + 1]] : [(inner[2 * i] + inner[2 * j]) / 2, (inner[2 * i + 1] + inner[2 * j + 1]) / 2];
    if (!onEdge(outer, x, y)) return pointInRings([outer], x, y);
  }
  return false; // the same ring twice: neither holds the other
}

function onEdge(ring: Ring, x: number, y: number): boolean {
  const n = ring.length >> 1;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const ax = ring[2 * i], ay = ring[2 * i + 1], bx = ring[2 * j], by = ring[2 * j + 1];
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (cross === 0 && x >= Math.min(ax, bx) && x <= Math.max(ax, bx) && y >= Math.min(ay, by) && y <= Math.max(ay, by)) return true;
  }
  return false;
}
