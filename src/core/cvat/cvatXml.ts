/**
 * CVAT for images 1.1 XML (https://docs.cvat.ai/docs/other/xml_format/): reading and writing
 * the polygons of an annotation file. Coordinates are image pixels with (0,0) the top-left corner
 * of the top-left pixel, as in CVAT and in this app, so points pass through unchanged.
 *
 * Only polygons are objects here. Other shapes (box, polyline, points, mask, ellipse, cuboid,
 * skeleton, tag) and video tracks are counted in `skipped` so the caller can say what was left
 * out. CVAT polygons have no holes and one ring each: an object with several rings is written as
 * polygons sharing a `group_id`, and polygons sharing a non-zero `group_id` are read back as one
 * object (rings filled together, even-odd), so a round trip through this format is exact.
 */
import { FileFormatError } from '../errors';
import { wrapLibraryErrors } from '../formats/common';
import { MAX_IMAGE_BYTES } from '../raster';
import { decodeXmlText } from './encoding';
import { clipOutline, type DroppedOutlines } from './outline';
import { childrenNamed, descendantsNamed, escapeXml, parseXml, XmlSyntaxError, type XmlElement } from './xml';

export interface CvatPolygon {
  label: string;
  /** Flat x0, y0, x1, y1, … in image pixels, cut to the image (see clipOutline). */
  points: number[];
  /** CVAT's z_order (0 when absent; CVAT often leaves every shape at 0). */
  z: number;
  occluded: boolean;
  /** "manual", "auto", … (empty when absent). */
  source: string;
  /** CVAT's group_id; 0 = not grouped. */
  group: number;
  /** The shape's <attribute name="…">value</attribute> children. */
  attributes: Record<string, string>;
}

export interface CvatImage {
  id: number;
  /** As written in the file: may contain folders ("train/a.png"). */
  name: string;
  width: number;
  height: number;
  /** CVAT's subset attribute (e.g. "Train"), when present. */
  subset?: string;
  /** In document order, which is CVAT's drawing order among equal z_order. */
  polygons: CvatPolygon[];
}

export interface CvatAnnotations {
  /** Label names declared in <meta> (any nesting: task, project or job). */
  labels: string[];
  images: CvatImage[];
  /** Shapes that are not polygons, by element name, e.g. { box: 3, track: 1 }. */
  skipped: Record<string, number>;
  /** Polygons left out because no object can be made of them (clipOutline), by why. */
  droppedOutlines: DroppedOutlines;
}

/**
 * The largest image a CVAT file may describe: the largest that image intake accepts, at one byte
 * a pixel (8-bit grey). Checked as each <image> is read, so an absurd size is refused by name
 * before anything (clipping, rasterizing) is sized by it.
 */
const MAX_PIXELS = MAX_IMAGE_BYTES;

const SHAPES = new Set(['box', 'polyline', 'points', 'mask', 'ellipse', 'cuboid', 'skeleton', 'tag']);

/**
 * Reads a CVAT XML file from its bytes, in the encoding it declares (decodeXmlText). Every error
 * is a FileFormatError naming the file: those of the checks below, and anything unforeseen
 * (running out of memory on a huge file) as "corrupt or truncated CVAT XML: …".
 */
export function readCvatXml(fileName: string, bytes: Uint8Array): CvatAnnotations {
  return wrapLibraryErrors(fileName, 'CVAT XML', () => parseCvatXml(fileName, decodeXmlText(fileName, bytes)));
}

/**
 * Parses the text of a CVAT XML file. Throws FileFormatError naming `fileName` for malformed XML
 * (with line and column), a root other than <annotations>, an image or polygon with missing or
 * invalid numbers, or an image larger than any the app reads. Polygons are cut to their image;
 * those no object can be made of are left out and counted.
 */
export function parseCvatXml(fileName: string, text: string): CvatAnnotations {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new FileFormatError(fileName, `not well-formed XML: ${error.message}`);
    throw error;
  }
  if (root.name !== 'annotations') {
    throw new FileFormatError(fileName, `not a CVAT annotation file: the root element is <${root.name}>, not <annotations>`);
  }
  const labels: string[] = [];
  for (const label of childrenNamed(root, 'meta').flatMap((meta) => descendantsNamed(meta, 'label'))) {
    const name = childrenNamed(label, 'name')[0]?.text.trim();
    if (name !== undefined && !labels.includes(name)) labels.push(name);
  }

  const skipped: Record<string, number> = {};
  const droppedOutlines: DroppedOutlines = {};
  const images: CvatImage[] = [];
  for (const element of root.children) {
    if (element.name === 'track') count(skipped, 'track');
    if (element.name !== 'image') continue;
    const name = element.attributes.name ?? '';
    const where = `image "${name}"`;
    const image: CvatImage = {
      id: integer(fileName, where, 'id', element.attributes.id ?? String(images.length)),
      name,
      width: integer(fileName, where, 'width', element.attributes.width),
      height: integer(fileName, where, 'height', element.attributes.height),
      polygons: [],
    };
    if (!name) throw new FileFormatError(fileName, `image ${image.id} has no name`);
    checkPixelCount(fileName, where, image);
    if (element.attributes.subset !== undefined) image.subset = element.attributes.subset;
    let polygons = 0; // read so far: messages number them as in the file, the ones left out too
    for (const shape of element.children) {
      if (SHAPES.has(shape.name)) count(skipped, shape.name);
      if (shape.name !== 'polygon') continue;
      const polygon = readPolygon(fileName, `${where}, polygon ${++polygons}`, shape);
      const outline = clipOutline(polygon.points, image.width, image.height);
      if (typeof outline === 'string') count(droppedOutlines, outline);
      else image.polygons.push({ ...polygon, points: outline });
    }
    images.push(image);
  }
  return { labels, images, skipped, droppedOutlines };
}

function count<K extends string>(counts: Partial<Record<K, number>>, key: K): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function checkPixelCount(fileName: string, where: string, { width, height }: CvatImage): void {
  if (width * height <= MAX_PIXELS) return;
  // Rounded apart (up and down) so that a size just over the limit never reads as equal to it.
  const megapixels = Math.ceil((width * height) / 1e6);
  throw new FileFormatError(fileName, `${where} is ${width} x ${height} pixels (${megapixels} MP), larger than the largest image the app reads (${Math.floor(MAX_PIXELS / 1e6)} MP)`);
}

function readPolygon(fileName: string, where: string, shape: XmlElement): CvatPolygon {
  const { attributes } = shape;
  const points: number[] = [];
  for (const pair of (attributes.points ?? '').split(';')) {
    if (!pair.trim()) continue;
    const xy = pair.split(',').map(coordinate);
    const [x, y] = xy;
    if (xy.length !== 2 || x === null || y === null) {
      throw new FileFormatError(fileName, `${where}: bad point "${pair}" (expected "x,y" numbers)`);
    }
    points.push(x, y);
  }
  const values: Record<string, string> = {};
  for (const child of childrenNamed(shape, 'attribute')) values[child.attributes.name ?? ''] = child.text;
  return {
    label: attributes.label ?? '',
    points,
    z: attributes.z_order === undefined ? 0 : number(fileName, where, 'z_order', attributes.z_order),
    occluded: attributes.occluded === '1' || attributes.occluded?.toLowerCase() === 'true',
    source: attributes.source ?? '',
    group: attributes.group_id === undefined ? 0 : integer(fileName, where, 'group_id', attributes.group_id),
    attributes: values,
  };
}

/** NaN and infinity as Python (CVAT) and JavaScript write them. */
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/**
 * A coordinate: a number, perhaps not finite ("nan", "inf", "1e999") so that its polygon is left
 * out and counted rather than the file refused; null when the text is not a number at all.
 */
function coordinate(text: string): number | null {
  const trimmed = text.trim();
  if (NON_FINITE.test(trimmed)) return NaN;
  const value = trimmed === '' ? NaN : Number(trimmed);
  return Number.isNaN(value) ? null : value;
}

function number(fileName: string, where: string, what: string, value: string | undefined): number {
  const n = value === undefined || value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n)) throw new FileFormatError(fileName, `${where}: ${what} ${value === undefined ? 'is missing' : `"${value}" is not a number`}`);
  return n;
}

function integer(fileName: string, where: string, what: string, value: string | undefined): number {
  const n = number(fileName, where, what, value);
  if (!Number.isInteger(n) || n < 0) throw new FileFormatError(fileName, `${where}: ${what} "${value}" is not a whole number`);
  return n;
}

export interface CvatWriteOptions {
  /** Written as the task name in <meta>. Default "nuclei". */
  taskName?: string;
  /** Label names for <meta> (polygon labels). Default: the labels the polygons use. */
  labels?: string[];
  /** Written as <dumped>; omitted by default so output depends only on the annotations. */
  dumped?: string;
}

/**
 * A coordinate as CVAT writes it: two decimals at most, trailing zeros dropped ("179.26", "20.5",
 * "12"). Multiples of 1/8 px are written exactly instead ("10.125"): the vertices of outlines
 * traced from masks and simplified (core/mask/simplify.ts) are such multiples, and rounding them
 * could move a pixel in or out, so those outlines survive the file exactly.
 */
export function formatCoordinate(value: number): string {
  const eighths = value * 8;
  return String(Number.isInteger(eighths) ? value : Math.round(value * 100) / 100);
}

/**
 * CVAT for images 1.1 XML for `images` (ids are written as given; polygons in the given order;
 * coordinates by formatCoordinate).
 */
export function writeCvatXml(images: readonly CvatImage[], options: CvatWriteOptions = {}): string {
  const labels = options.labels ?? [...new Set(images.flatMap((image) => image.polygons.map((p) => p.label)))];
  const attr = (name: string, value: string | number) => ` ${name}="${escapeXml(String(value))}"`;
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<annotations>', '  <version>1.1</version>', '  <meta>', '    <task>'];
  out.push(`      <name>${escapeXml(options.taskName ?? 'nuclei')}</name>`, `      <size>${images.length}</size>`, '      <mode>annotation</mode>');
  out.push('      <labels>');
  for (const label of labels) {
    out.push('        <label>', `          <name>${escapeXml(label)}</name>`, '          <type>polygon</type>', '          <attributes>', '          </attributes>', '        </label>');
  }
  out.push('      </labels>', '    </task>');
  if (options.dumped) out.push(`    <dumped>${escapeXml(options.dumped)}</dumped>`);
  out.push('  </meta>');
  for (const image of images) {
    const subset = image.subset === undefined ? '' : attr('subset', image.subset);
    out.push(`  <image${attr('id', image.id)}${attr('name', image.name)}${attr('width', image.width)}${attr('height', image.height)}${subset}>`);
    for (const p of image.polygons) {
      const points = [];
      for (let i = 0; i + 1 < p.points.length; i += 2) points.push(`${formatCoordinate(p.points[i])},${formatCoordinate(p.points[i + 1])}`);
      const group = p.group ? attr('group_id', p.group) : '';
      out.push(`    <polygon${attr('label', p.label)}${attr('source', p.source || 'manual')}${attr('occluded', p.occluded ? 1 : 0)}${attr('points', points.join(';'))}${attr('z_order', p.z)}${group}>`);
      for (const [name, value] of Object.entries(p.attributes)) out.push(`      <attribute${attr('name', name)}>${escapeXml(value)}</attribute>`);
      out.push('    </polygon>');
    }
    out.push('  </image>');
  }
  out.push('</annotations>', '');
  return out.join('\n');
}
