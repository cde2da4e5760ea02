/**
 * OME-Zarr labels (OME-NGFF 0.4, https://ngff.openmicroscopy.org/0.4/#labels-md), one zipped
 * Zarr v2 store per image (`<image>_labels.ome.zarr.zip`), as napari, QuPath and ome-zarr-py
 * read them. Written:
 *
 *   .zgroup
 *   labels/.zgroup, labels/.zattrs          {"labels": ["nuclei"]}
 *   labels/nuclei/.zgroup, .zattrs          "multiscales" (axes y, x; one level "0") + "image-label"
 *   labels/nuclei/0/.zarray, 0/<y>/<x>      uint16 (uint32 past 65535 objects), 512 x 512 zlib chunks
 *
 * Pixel value n is object number n bottom to top, as in the 16-bit label images (exportMask.ts).
 * The image's own pixels are not written (the root "multiscales" is optional for labels).
 *
 * Read: any store with a `labels/` group (at the archive's root or inside one top folder, as
 * `zip -r` makes it); the first label image its "labels" list names, full resolution (the first
 * multiscales dataset). The label image becomes objects the way mask files do (importMask.ts:
 * exact outlines), ordered by label value.
 */
import { FileFormatError } from '../errors';
import { reportWarnings } from '../mask/exportMask';
import { objectsFromMask } from '../mask/importMask';
import { rasterizeShapes } from '../mask/rasterize';
import { MAX_MASK_OBJECTS, tooManyValues } from '../mask/rgbLabels';
import { createZipStream } from '../zip';
import { maskEncoded } from './maskFormat';
import type { Decoded, ImageFileFormat, InterchangeImage } from './types';
import { chunkBytes, chunkKeys, encodeLabelArray, imageSizeOf, parseJson, parseZarray, readPixels } from './zarrArray';
import { readZip } from '../zip';

const LABEL_NAME = 'nuclei';
const NGFF_VERSION = '0.4';
/** Metadata documents are a few hundred bytes; anything near this is not one. */
const MAX_METADATA_BYTES = 2 ** 20;
/** Entries a store's archive may list: chunks of the largest image the app reads, many times over. */
const MAX_STORE_ENTRIES = 1_000_000;

const entriesByPath = (entries: ReturnType<typeof readZip>) => new Map(entries.map((entry) => [entry.path, entry.bytes]));
/** A fixed entry time, so exporting twice gives identical archives. */
const ZIP_MTIME = new Date(2000, 0, 1);

export const omeZarrLabels: ImageFileFormat = {
  id: 'ome-zarr',
  label: 'OME-Zarr labels (OME-NGFF 0.4, zipped Zarr store)',
  mime: 'application/zip',
  scope: 'image',
  suffixes: ['_labels.ome.zarr.zip', '.ome.zarr.zip', '.zarr.zip'],
  options: [],
  encode: encodeOmeZarr,
  decode: decodeOmeZarr,
};

function encodeOmeZarr(image: InterchangeImage) {
  const { width, height, objects } = image;
  const rasterized = rasterizeShapes(objects, width, height);
  // The rasterizer labels pixels by input index + 1; the file numbers objects bottom to top.
  const numberOfEntry = new Uint32Array(objects.length + 1);
  const values = new Array<number>(objects.length);
  rasterized.order.forEach((input, k) => (numberOfEntry[input + 1] = values[input] = k + 1));
  const labels = rasterized.labels.map((entry) => numberOfEntry[entry]);
  const { zarray, chunks } = encodeLabelArray(labels, width, height, objects.length);

  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2));
  const group = json({ zarr_format: 2 });
  const parts: Uint8Array[] = [];
  const zip = createZipStream((chunk) => parts.push(chunk), { mtime: ZIP_MTIME });
  // Chunks are zlib-compressed and the JSON is tiny: every entry is stored, which also lets
  // readers that map a zipped store (zarr-python's ZipStore) read chunks in place.
  zip.addFile('.zgroup', group);
  zip.addFile('labels/.zgroup', group);
  zip.addFile('labels/.zattrs', json({ labels: [LABEL_NAME] }));
  zip.addFile(`labels/${LABEL_NAME}/.zgroup`, group);
  zip.addFile(`labels/${LABEL_NAME}/.zattrs`, json(labelGroupAttributes()));
  zip.addFile(`labels/${LABEL_NAME}/0/.zarray`, new TextEncoder().encode(zarray));
  for (const [key, bytes] of chunks) zip.addFile(`labels/${LABEL_NAME}/0/${key}`, bytes);
  zip.finish();

  const bytes = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  parts.reduce((offset, part) => (bytes.set(part, offset), offset + part.length), 0);
  return maskEncoded(image, { bytes, report: rasterized.report, warnings: reportWarnings(rasterized.report), values });
}

/** The label group's attributes: one pixel-scale resolution level and the image-label marker. */
function labelGroupAttributes() {
  return {
    multiscales: [
      {
        version: NGFF_VERSION,
        name: LABEL_NAME,
        axes: [
          { name: 'y', type: 'space' },
          { name: 'x', type: 'space' },
        ],
        datasets: [{ path: '0', coordinateTransformations: [{ type: 'scale', scale: [1, 1] }] }],
      },
    ],
    'image-label': { version: NGFF_VERSION },
  };
}

function decodeOmeZarr(fileName: string, bytes: Uint8Array, expected?: { width: number; height: number }): Decoded {
  const fail = (reason: string) => new FileFormatError(fileName, reason);
  const isMetadata = (name: string) => /(^|\/)\.z(attrs|group|array)$/.test(name);
  const metadata = entriesByPath(readZip(fileName, bytes, isMetadata, { entries: MAX_STORE_ENTRIES, entryBytes: MAX_METADATA_BYTES, totalBytes: MAX_STORE_ENTRIES * MAX_METADATA_BYTES }));
  const text = (path: string) => {
    const entry = metadata.get(path);
    return entry && new TextDecoder().decode(entry);
  };

  // The store's root: where labels/.zattrs is, shallowest first.
  const labelsAttrs = [...metadata.keys()].filter((name) => name === 'labels/.zattrs' || name.endsWith('/labels/.zattrs')).sort((a, b) => a.length - b.length)[0];
  if (!labelsAttrs) throw fail('no labels/.zattrs: not an OME-Zarr store with labels (OME-NGFF 0.4)');
  const labelsDir = labelsAttrs.slice(0, -'/.zattrs'.length);

  const names = (parseJson(fileName, labelsAttrs, text(labelsAttrs)!) as { labels?: unknown }).labels;
  const name = Array.isArray(names) ? names[0] : undefined;
  if (!isRelativePath(name)) throw fail(`${labelsAttrs} names no label image ("labels": ${JSON.stringify(names)})`);

  const groupDir = `${labelsDir}/${name}`;
  const groupAttrs = text(`${groupDir}/.zattrs`);
  if (groupAttrs === undefined) throw fail(`${groupDir}/.zattrs is missing`);
  const multiscales = (parseJson(fileName, `${groupDir}/.zattrs`, groupAttrs) as { multiscales?: Array<{ datasets?: Array<{ path?: unknown }> }> }).multiscales;
  // The first dataset is the full resolution (the spec orders them largest first).
  const path = multiscales?.[0]?.datasets?.[0]?.path;
  if (!isRelativePath(path)) throw fail(`${groupDir}/.zattrs has no "multiscales" dataset path`);

  const arrayDir = `${groupDir}/${path}`;
  const zarrayText = text(`${arrayDir}/.zarray`);
  if (zarrayText === undefined) throw fail(`${arrayDir}/.zarray is missing`);
  const array = parseZarray(fileName, `${arrayDir}/.zarray`, zarrayText);
  const { width, height } = imageSizeOf(fileName, arrayDir, array);
  if (expected && (expected.width !== width || expected.height !== height)) {
    throw fail(`the labels are ${width} x ${height} pixels but its image is ${expected.width} x ${expected.height}`);
  }

  // Only the grid's chunk files are read, each no larger than its compressed worst case.
  const raw = chunkBytes(array);
  const storedLimit = array.compressor === 'none' ? raw : raw + 5 * Math.ceil(raw / 16383) + 1024; // deflate's stored-block overhead, plus headers
  const keys = new Set(chunkKeys(array, width, height).map(({ key }) => `${arrayDir}/${key}`));
  const chunks = entriesByPath(readZip(fileName, bytes, (entry) => keys.has(entry), { entries: MAX_STORE_ENTRIES, entryBytes: storedLimit, totalBytes: keys.size * storedLimit }));

  const labels = new Uint32Array(width * height);
  const values: number[] = [];
  const labelOf = new Map<number, number>();
  let lastValue = 0, lastLabel = 0; // labels come in runs: skip the map lookup within one
  readPixels(fileName, arrayDir, array, { width, height }, (key) => chunks.get(`${arrayDir}/${key}`), (p, value) => {
    if (value === 0) return;
    if (value !== lastValue) {
      let label = labelOf.get(value);
      if (label === undefined) {
        if (values.length === MAX_MASK_OBJECTS) throw tooManyValues(fileName);
        values.push(value);
        labelOf.set(value, (label = values.length));
      }
      lastValue = value;
      lastLabel = label;
    }
    labels[p] = lastLabel;
  });

  const objects = objectsFromMask({ width, height, kind: 'label', labels, values, objectNumbers: values });
  return { images: [{ name: null, width, height, objects }], skipped: {} };
}

/** A path inside the store: relative, "/" between parts, no "." or ".." parts. */
function isRelativePath(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
