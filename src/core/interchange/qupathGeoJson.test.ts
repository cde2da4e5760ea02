import { describe, expect, it } from 'vitest';
import { rasterizeShapes } from '../mask/rasterize';
import { errorOf } from '../testing/errors';
import { qupathGeoJson } from './qupathGeoJson';
import { polygonsOfRings } from './ringNesting';
import type { InterchangeImage } from './types';

const square = (x: number, y: number, size: number) => [x, y, x + size, y, x + size, y + size, x, y + size];
const encode = (image: InterchangeImage) => JSON.parse(new TextDecoder().decode(qupathGeoJson.encode!(image, {}).bytes));
const decode = (value: unknown, expected?: { width: number; height: number }) =>
  qupathGeoJson.decode!('a.geojson', new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)), expected);
const pixels = (image: { width: number; height: number; objects: InterchangeImage['objects'] }) => Array.from(rasterizeShapes(image.objects, image.width, image.height).labels);
const feature = (geometry: unknown, properties: unknown = { objectType: 'annotation' }) => ({ type: 'Feature', geometry, properties });
const polygon = (...rings: number[][]) => ({ type: 'Polygon', coordinates: rings.map(positions) });
/** A flat ring as closed GeoJSON positions. */
const positions = (ring: number[]) => [...Array.from({ length: ring.length / 2 }, (_, i) => [ring[2 * i], ring[2 * i + 1]]), [ring[0], ring[1]]];

describe('rings as polygons with holes', () => {
  it('makes a ring inside an odd number of others a hole of the closest, and the rest outer rings', () => {
    const outer = square(0, 0, 10), hole = square(2, 2, 6), island = square(4, 4, 2), apart = square(12, 0, 2);
    expect(polygonsOfRings([outer, hole, island, apart])).toEqual([[outer, hole], [island], [apart]]);
    expect(polygonsOfRings([hole, outer])).toEqual([[outer, hole]]); // in any order
  });

  it('copes with rings that touch at corners, as traced outlines do', () => {
    // A piece touching the first at a corner, and a hole whose corner is the outer ring's corner.
    const outer = square(0, 0, 4), hole = square(1, 1, 2), corner = square(4, 4, 2);
    const touching = [0, 0, 3, 1, 3, 3, 1, 3];
    expect(polygonsOfRings([outer, hole, corner])).toEqual([[outer, hole], [corner]]);
    expect(polygonsOfRings([outer, touching])).toEqual([[outer, touching]]);
  });
});

describe('QuPath GeoJSON export', () => {
  const cells: InterchangeImage = {
    name: 'cells.png',
    width: 20,
    height: 16,
    objects: [
      { rings: [square(9, 3, 6), square(11, 5, 2)], z: 2 },
      { rings: [[2.5, 2, 7, 2, 7, 6.5]], z: 1 },
      { rings: [square(1, 10, 2), square(3, 12, 2)], z: 3 },
    ],
  };

  it('writes a FeatureCollection of nucleus annotations bottom to top, holes as inner rings, pieces as a MultiPolygon', () => {
    const collection = encode(cells);
    expect(collection.type).toBe('FeatureCollection');
    const properties = { objectType: 'annotation', classification: { name: 'Nucleus', color: [0, 200, 255] } };
    expect(collection.features).toEqual([
      feature({ type: 'Polygon', coordinates: [[[2.5, 2], [7, 2], [7, 6.5], [2.5, 2]]] }, properties),
      feature(polygon(square(9, 3, 6), square(11, 5, 2)), properties),
      feature({ type: 'MultiPolygon', coordinates: [polygon(square(1, 10, 2)).coordinates, polygon(square(3, 12, 2)).coordinates] }, properties),
    ]);
    expect(qupathGeoJson.encode!(cells, {}).reports).toEqual([{ image: 'cells.png', objects: 3, overlapPixels: 0, emptyObjects: [], warnings: [] }]);
  });

  it('round-trips the pixels, and an image without objects', () => {
    const back = decode(encode(cells), cells);
    const byZ = { ...cells, objects: [...cells.objects].sort((a, b) => a.z - b.z) };
    expect(pixels(back.images[0])).toEqual(pixels(byZ));
    expect(back.images[0].objects.map((object) => object.rings.length)).toEqual([1, 2, 2]);
    const empty = decode(encode({ name: 'e.png', width: 5, height: 4, objects: [] }), { width: 5, height: 4 });
    expect(empty).toEqual({ images: [{ name: null, width: 5, height: 4, objects: [] }], skipped: {}, droppedOutlines: {} });
  });
});

describe('QuPath GeoJSON import', () => {
  it('reads a FeatureCollection, a single Feature or a bare list, and skips what is not a polygon', () => {
    const one = feature(polygon(square(1, 1, 2)));
    for (const value of [{ type: 'FeatureCollection', features: [one] }, one, [one]]) {
      expect(decode(value, { width: 8, height: 8 }).images[0].objects).toEqual([{ rings: [square(1, 1, 2)], z: 1 }]);
    }
    const mixed = [one, feature({ type: 'Point', coordinates: [1, 1] }), feature({ type: 'LineString', coordinates: [[0, 0], [1, 1]] }), feature({ type: 'Point', coordinates: [2, 2] }), feature(null)];
    const decoded = decode(mixed, { width: 8, height: 8 });
    expect(decoded.skipped).toEqual({ Point: 2, LineString: 1, 'no geometry': 1 });
    expect(decoded.images[0].objects).toHaveLength(1);
  });

  it('takes a cell\'s nucleus, keeps other classes in a note, drops z and cuts rings to the image', () => {
    const cell = { ...feature(polygon(square(0, 0, 6)), { objectType: 'cell', classification: { name: 'Tumor', color: [200, 0, 0] } }), nucleusGeometry: polygon(square(2, 2, 2)) };
    const tilted = feature({ type: 'Polygon', coordinates: [[[-2, 0, 5], [3, 0, 5], [3, 3, 5], [-2, 3, 5], [-2, 0, 5]]] }, { classification: { name: 'nucleus' } });
    const decoded = decode({ type: 'FeatureCollection', features: [cell, tilted, feature(polygon([50, 50, 60, 50, 60, 60]))] }, { width: 8, height: 8 });
    const [nucleus, cut] = decoded.images[0].objects;
    expect(nucleus).toEqual({ rings: [square(2, 2, 2)], z: 1, note: 'QuPath class: Tumor' });
    expect(pixels({ width: 8, height: 3, objects: [cut] })).toEqual(new Array(3).fill([1, 1, 1, 0, 0, 0, 0, 0]).flat());
    expect(cut.note).toBeUndefined();
    expect(decoded.droppedOutlines).toEqual({ outsideImage: 1 });
  });

  it('without the image\'s size takes the smallest that holds every outline, and refuses one too large to read', () => {
    expect(decode([feature(polygon(square(1, 1, 2))), feature(polygon([0, 0, 1, 0, 0.5, 7.2]))]).images[0]).toMatchObject({ width: 3, height: 8 });
    const huge = errorOf(() => decode([feature(polygon([0, 0, 1e9, 0, 1e9, 1e9]))]));
    expect(huge.message).toMatch(/^a\.geojson: GeoJSON outlines reach so far that their image is too large: 1000000000 x 1000000000 pixels/);
    // With the size given, the same outline is simply cut to the image.
    expect(pixels(decode([feature(polygon([0, 0, 1e9, 0, 1e9, 1e9]))], { width: 2, height: 2 }).images[0])).toEqual([1, 1, 0, 1]);
  });

  it('refuses what is not GeoJSON features, naming the file and the feature', () => {
    const refused: Array<[unknown, string]> = [
      ['[{"type": "Feature"', 'not valid JSON: '],
      [{ type: 'Polygon', coordinates: [] }, 'not GeoJSON objects: expected a FeatureCollection, a Feature or a list of Features'],
      [{ type: 'FeatureCollection', features: 3 }, 'not GeoJSON objects'],
      [[{ type: 'Polygon', coordinates: [] }], 'feature 1: not a GeoJSON Feature'],
      [[feature({ coordinates: [] })], 'feature 1: the geometry has no type'],
      [[feature({ type: 'Polygon', coordinates: 5 })], 'feature 1: a polygon is not a list of rings'],
      [[feature({ type: 'MultiPolygon', coordinates: 5 })], "feature 1: the MultiPolygon's coordinates are not a list"],
      [[feature({ type: 'Polygon', coordinates: [5] })], 'feature 1: a ring is not a list of positions'],
      [[feature(polygon(square(0, 0, 1))), feature({ type: 'Polygon', coordinates: [[[0, 0], [1], [1, 1]]] })], 'feature 2: the position [1] is not [x, y]'],
      [[feature({ type: 'Polygon', coordinates: [[[0, 0], ['1', 0], [1, 1]]] })], 'feature 1: the position ["1",0] is not [x, y]'],
    ];
    for (const [value, message] of refused) expect(errorOf(() => decode(value, { width: 4, height: 4 })).message, message).toContain(`a.geojson: ${message}`);
  });
});
