/**
 * QuPath's GeoJSON ("File > Export objects as GeoJSON", `exportObjectsToGeoJson`): one file per
 * image, in image pixels with (0, 0) the top-left corner, as here, so coordinates pass through
 * unchanged and unrounded.
 *
 * Naming: QuPath's dialog proposes "objects.geojson" and scripts mostly write "<image>.geojson"
 * or "<image name with extension>.geojson". Files are written as "X.geojson" for image X.png
 * and paired by name like masks: "X.geojson" and "X.png.geojson" (any image extension) both go
 * onto image X; "objects.geojson" names no image, so it goes onto an image called "objects".
 *
 * Writing: a FeatureCollection, one Feature per object bottom to top, objectType "annotation"
 * (what QuPath calls hand-drawn objects) of class "Nucleus". An object's rings become a Polygon
 * (outer ring, then its holes) or, in several pieces, a MultiPolygon (ringNesting.ts); rings are
 * closed by repeating the first point, as GeoJSON wants. Their direction is left as it is
 * (RFC 7946 asks readers not to refuse either, and QuPath does not).
 *
 * Reading: a FeatureCollection, a single Feature, or a bare list of Features (QuPath writes
 * either). Polygon and MultiPolygon geometries become one object each, all rings filled together
 * by the even-odd rule (a hole subtracts, pieces add: what GeoJSON means for valid polygons). A
 * QuPath cell's "nucleusGeometry", when present, is the object rather than the cell around it:
 * nuclei are what this app outlines. Other geometries are counted in `skipped` by type; rings are
 * cut to the image like CVAT's (droppedOutlines). The file gives no image size: with `expected`
 * the image's size is used, without it the smallest that holds every outline.
 */
import type { DroppedOutlines } from '../cvat/outline';
import { FileFormatError } from '../errors';
import { checkImageSize, wrapLibraryErrors } from '../formats/common';
import { SUPPORTED_EXTENSIONS } from '../formats/extensions';
import { byZ, NUCLEUS_LABEL, type Ring } from '../objects';
import { addOutline, isRecord, jsonBytes, parseJsonFile, shown, tally, type Refuse } from './jsonFormats';
import { polygonsOfRings } from './ringNesting';
import type { Decoded, ImageFileFormat, InterchangeObject } from './types';

/** QuPath's usual capitalised class name, with a colour of its own (QuPath shows objects in their class's colour). */
const NUCLEUS_CLASS = { name: 'Nucleus', color: [0, 200, 255] };

export const qupathGeoJson: ImageFileFormat = {
  id: 'qupath',
  label: 'QuPath GeoJSON (polygons with holes)',
  mime: 'application/geo+json',
  scope: 'image',
  suffixes: ['.geojson', ...SUPPORTED_EXTENSIONS.map((extension) => `${extension}.geojson`)],
  options: [],
  encode: (image) => ({
    bytes: jsonBytes({ type: 'FeatureCollection', features: byZ(image.objects).map(featureOf) }),
    reports: [{ image: image.name, objects: image.objects.length, overlapPixels: 0, emptyObjects: [], warnings: [] }],
  }),
  decode: (fileName, bytes, expected) => wrapLibraryErrors(fileName, 'GeoJSON', () => readGeoJson(fileName, parseJsonFile(fileName, bytes), expected)),
};

function featureOf(object: InterchangeObject) {
  const polygons = polygonsOfRings(object.rings).map((polygon) => polygon.map(closedPositions));
  return {
    type: 'Feature',
    geometry: polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons },
    properties: { objectType: 'annotation', classification: NUCLEUS_CLASS },
  };
}

/** A ring as GeoJSON positions, the first repeated at the end. */
function closedPositions(ring: Ring): number[][] {
  const positions: number[][] = [];
  for (let i = 0; i + 1 < ring.length; i += 2) positions.push([ring[i], ring[i + 1]]);
  if (positions.length > 0) positions.push(positions[0]);
  return positions;
}

function readGeoJson(fileName: string, json: unknown, expected?: { width: number; height: number }): Decoded {
  const refuse: Refuse = (reason) => {
    throw new FileFormatError(fileName, reason);
  };
  const features = isRecord(json) && json.type === 'FeatureCollection' ? json.features : isRecord(json) && json.type === 'Feature' ? [json] : json;
  if (!Array.isArray(features)) refuse('not GeoJSON objects: expected a FeatureCollection, a Feature or a list of Features');

  const skipped: Record<string, number> = {};
  const found: Array<{ points: Ring[]; note?: string }> = [];
  features.forEach((feature: unknown, i: number) => {
    const fail: Refuse = (reason) => refuse(`feature ${i + 1}: ${reason}`);
    if (!isRecord(feature) || feature.type !== 'Feature') fail('not a GeoJSON Feature');
    const geometry = feature.nucleusGeometry ?? feature.geometry;
    if (geometry === null || geometry === undefined) return tally(skipped, 'no geometry');
    if (!isRecord(geometry) || typeof geometry.type !== 'string') fail('the geometry has no type');
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : null;
    if (polygons === null) return tally(skipped, geometry.type);
    if (!Array.isArray(polygons)) fail(`the ${geometry.type}'s coordinates are not a list`);
    found.push({ points: polygons.flatMap((polygon: unknown) => ringsOf(polygon, fail)), note: classNote(feature.properties) });
  });

  const size = expected ?? extent(fileName, found.flatMap((object) => object.points));
  const droppedOutlines: DroppedOutlines = {};
  const objects: InterchangeObject[] = [];
  for (const { points, note } of found) {
    const rings: Ring[] = [];
    for (const ring of points) addOutline(ring, size, rings, droppedOutlines);
    if (rings.length > 0) objects.push({ rings, z: objects.length + 1, ...(note ? { note } : {}) });
  }
  return { images: [{ name: null, ...size, objects }], skipped, droppedOutlines };
}

/** A Polygon's rings as flat x0, y0, … lists (the closing point stays: clipOutline drops it). */
function ringsOf(polygon: unknown, fail: Refuse): Ring[] {
  if (!Array.isArray(polygon)) fail('a polygon is not a list of rings');
  return polygon.map((ring: unknown) => {
    if (!Array.isArray(ring)) fail('a ring is not a list of positions');
    return ring.flatMap((position: unknown) => {
      if (!Array.isArray(position) || position.length < 2 || typeof position[0] !== 'number' || typeof position[1] !== 'number') {
        fail(`the position ${shown(position)} is not [x, y]`);
      }
      return [position[0], position[1]]; // a third value (z) is dropped: the image is flat
    });
  });
}

function classNote(properties: unknown): string | undefined {
  const name = isRecord(properties) && isRecord(properties.classification) ? properties.classification.name : undefined;
  return typeof name === 'string' && name.toLowerCase() !== NUCLEUS_LABEL ? `QuPath class: ${name}` : undefined;
}

/** The smallest image holding every finite vertex; refused when larger than the app reads, before anything is sized by it. */
function extent(fileName: string, rings: Ring[]): { width: number; height: number } {
  let width = 0, height = 0;
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i += 2) {
      if (Number.isFinite(ring[i])) width = Math.max(width, Math.ceil(ring[i]));
      if (Number.isFinite(ring[i + 1])) height = Math.max(height, Math.ceil(ring[i + 1]));
    }
  }
  if (width > 0 && height > 0) checkImageSize(fileName, 'GeoJSON outlines reach so far that their', { width, height, channels: 1, bitsPerSample: 8 });
  return { width, height };
}
