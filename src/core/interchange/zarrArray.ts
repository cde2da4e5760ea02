/**
 * The few pieces of Zarr v2 (https://zarr-specs.readthedocs.io/en/latest/v2/v2.0.html) that an
 * OME-Zarr label image needs: `.zarray` metadata, and integer chunks stored raw or through
 * zlib / gzip, read into and written from one 2-D image.
 *
 * Written here rather than with zarrita: zarrita's API is asynchronous throughout (every store
 * read and `get` is a Promise) while the format registry's `decode` is synchronous, and its ZIP
 * store and codecs pull in further packages. What is needed is small: JSON, a chunk grid, and
 * fflate, which the project already uses for ZIP and zlib.
 *
 * Memory is bounded before anything is allocated: the array's shape is checked against the
 * image size limit, and every chunk must inflate to exactly its expected byte size (the output
 * buffer is allocated once, one byte over, so a chunk that inflates to more is caught without
 * allocating more).
 */
import { gunzipSync } from 'fflate';
import { FileFormatError } from '../errors';
import { checkImageSize, wrapLibraryErrors } from '../formats/common';
import { deflateZlib, inflateExact } from '../formats/zlib';

/** The integer types a label array may have; labels are never negative (int32 is checked per pixel). */
const DTYPES = { u1: 'uint8', u2: 'uint16', u4: 'uint32', i4: 'int32' } as const;
type Dtype = (typeof DTYPES)[keyof typeof DTYPES];
const BYTES: Record<Dtype, number> = { uint8: 1, uint16: 2, uint32: 4, int32: 4 };

export interface ZarrArray {
  shape: number[];
  chunks: number[];
  dtype: Dtype;
  littleEndian: boolean;
  compressor: 'none' | 'zlib' | 'gzip';
  fillValue: number;
  order: 'C' | 'F';
  separator: '.' | '/';
}

/**
 * Reads a `.zarray` document; `where` names it in messages ("labels/nuclei/0/.zarray").
 * Throws FileFormatError naming the file for anything this reader cannot honour.
 */
export function parseZarray(fileName: string, where: string, text: string): ZarrArray {
  const fail = (reason: string) => new FileFormatError(fileName, `${where}: ${reason}`);
  const meta = parseJson(fileName, where, text) as Record<string, unknown>;
  if (meta.zarr_format !== 2) throw fail(`zarr_format ${JSON.stringify(meta.zarr_format)} is not supported (only Zarr v2)`);
  const shape = meta.shape, chunks = meta.chunks;
  const positiveInts = (value: unknown): value is number[] => Array.isArray(value) && value.length >= 2 && value.every((n) => Number.isSafeInteger(n) && n > 0);
  if (!positiveInts(shape)) throw fail(`shape ${JSON.stringify(shape)} is not a list of at least two positive integers`);
  if (!positiveInts(chunks) || chunks.length !== shape.length) throw fail(`chunks ${JSON.stringify(chunks)} do not match the shape's ${shape.length} dimensions`);

  const dtypeMatch = typeof meta.dtype === 'string' ? /^([<>|])([ui][1248])$/.exec(meta.dtype) : null;
  const dtype = dtypeMatch ? DTYPES[dtypeMatch[2] as keyof typeof DTYPES] : undefined;
  if (!dtypeMatch || !dtype) throw fail(`dtype ${JSON.stringify(meta.dtype)} is not a label type (uint8, uint16, uint32 or int32)`);

  if (meta.filters != null) throw fail('filters are not supported');
  const compressor = compressorOf(meta.compressor);
  if (!compressor) throw fail(`compressor ${JSON.stringify((meta.compressor as { id?: unknown })?.id ?? meta.compressor)} is not supported (only none, zlib and gzip)`);

  const fillValue = meta.fill_value ?? 0;
  if (!Number.isSafeInteger(fillValue) || (fillValue as number) < 0) throw fail(`fill_value ${JSON.stringify(meta.fill_value)} is not a label (a non-negative integer)`);
  if (meta.order !== 'C' && meta.order !== 'F') throw fail(`order ${JSON.stringify(meta.order)} is neither "C" nor "F"`);
  const separator = meta.dimension_separator ?? '.';
  if (separator !== '.' && separator !== '/') throw fail(`dimension_separator ${JSON.stringify(separator)} is neither "." nor "/"`);

  return { shape, chunks, dtype, littleEndian: dtypeMatch[1] !== '>', compressor, fillValue: fillValue as number, order: meta.order, separator };
}

export function parseJson(fileName: string, where: string, text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
  } catch {
    // reported below, the same way as valid JSON that is not an object
  }
  throw new FileFormatError(fileName, `${where} is not a JSON object`);
}

function compressorOf(value: unknown): ZarrArray['compressor'] | null {
  if (value === null) return 'none';
  const id = (value as { id?: unknown } | undefined)?.id;
  return id === 'zlib' || id === 'gzip' ? id : null;
}

/** The 2-D label image an array holds: leading dimensions (t, c, z) must have size 1. */
export function imageSizeOf(fileName: string, where: string, array: ZarrArray): { width: number; height: number } {
  const { shape } = array;
  if (shape.slice(0, -2).some((n) => n !== 1)) {
    throw new FileFormatError(fileName, `${where}: shape ${JSON.stringify(shape)} is not one 2-D image (dimensions before y and x must have size 1)`);
  }
  const height = shape[shape.length - 2], width = shape[shape.length - 1];
  // The labels are read into 32 bits per pixel whatever the stored type.
  checkImageSize(fileName, 'OME-Zarr', { width, height, channels: 1, bitsPerSample: 32 });
  const chunkPixels = array.chunks.reduce((product, n) => product * n, 1);
  checkImageSize(fileName, 'OME-Zarr chunk', { width: chunkPixels, height: 1, channels: 1, bitsPerSample: 8 * BYTES[array.dtype] });
  return { width, height };
}

/** The chunk keys of the array, each with its chunk's top-left pixel. */
export function chunkKeys(array: ZarrArray, width: number, height: number): Array<{ key: string; y0: number; x0: number }> {
  const [chunkH, chunkW] = array.chunks.slice(-2);
  const lead = array.shape.slice(0, -2).map(() => '0');
  const keys = [];
  for (let y0 = 0; y0 < height; y0 += chunkH) {
    for (let x0 = 0; x0 < width; x0 += chunkW) keys.push({ key: [...lead, y0 / chunkH, x0 / chunkW].join(array.separator), y0, x0 });
  }
  return keys;
}

/** Bytes of one decompressed chunk (edge chunks are stored at full size, padded). */
export function chunkBytes(array: ZarrArray): number {
  return array.chunks.reduce((product, n) => product * n, BYTES[array.dtype]);
}

/**
 * Reads every chunk into `visit(y, x, value)` calls for the pixels inside the image; a missing
 * chunk is all fill_value. `chunkOf(key)` gives a chunk's stored bytes.
 */
export function readPixels(
  fileName: string,
  where: string,
  array: ZarrArray,
  size: { width: number; height: number },
  chunkOf: (key: string) => Uint8Array | undefined,
  visit: (p: number, value: number) => void,
): void {
  const { width, height } = size;
  const [chunkH, chunkW] = array.chunks.slice(-2);
  const leading = array.chunks.slice(0, -2).reduce((product, n) => product * n, 1);
  // Element strides within a chunk; indices of the size-1 leading dimensions are always 0.
  const [strideY, strideX] = array.order === 'C' ? [chunkW, 1] : [leading, leading * chunkH];
  const itemBytes = BYTES[array.dtype];
  const read = reader(array);
  for (const { key, y0, x0 } of chunkKeys(array, width, height)) {
    const stored = chunkOf(key);
    const bytes = stored && decompress(fileName, `${where}/${key}`, array, stored);
    const view = bytes && new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let y = y0; y < Math.min(y0 + chunkH, height); y++) {
      for (let x = x0; x < Math.min(x0 + chunkW, width); x++) {
        const value = view ? read(view, ((y - y0) * strideY + (x - x0) * strideX) * itemBytes) : array.fillValue;
        if (value < 0) throw new FileFormatError(fileName, `${where}/${key}: negative label ${value}`);
        visit(y * width + x, value);
      }
    }
  }
}

function reader(array: ZarrArray): (view: DataView, offset: number) => number {
  const le = array.littleEndian;
  switch (array.dtype) {
    case 'uint8':
      return (view, offset) => view.getUint8(offset);
    case 'uint16':
      return (view, offset) => view.getUint16(offset, le);
    case 'uint32':
      return (view, offset) => view.getUint32(offset, le);
    case 'int32':
      return (view, offset) => view.getInt32(offset, le);
  }
}

/** A chunk's bytes, exactly chunkBytes long, or FileFormatError naming the chunk. */
function decompress(fileName: string, where: string, array: ZarrArray, stored: Uint8Array): Uint8Array {
  const expected = chunkBytes(array);
  if (array.compressor === 'none') {
    if (stored.length !== expected) throw new FileFormatError(fileName, `${where}: chunk has ${stored.length} bytes, not ${expected}`);
    return stored;
  }
  return wrapLibraryErrors(fileName, `${array.compressor} chunk ${where}`, () => {
    if (array.compressor === 'zlib') return inflateExact(stored, expected);
    const out = gunzipSync(stored, { out: new Uint8Array(expected + 1) }); // bounded as inflateExact
    if (out.length !== expected) throw new Error(`the chunk inflates to ${out.length > expected ? 'more than' : `${out.length} bytes, not`} the ${expected} bytes of its shape`);
    return out;
  });
}

/** Most objects a uint16 label array can number; more are written as uint32. */
export const MAX_UINT16_LABEL = 65535;

/**
 * A label image (`labels[p]` the pixel's label) as a Zarr v2 array: `.zarray` text and the
 * zlib-compressed chunks by key. C order, "/" between chunk indices (as OME-NGFF 0.4 writes).
 */
export function encodeLabelArray(labels: Uint32Array, width: number, height: number, maxLabel: number, chunk = 512): { zarray: string; chunks: Map<string, Uint8Array> } {
  const wide = maxLabel > MAX_UINT16_LABEL;
  const [chunkH, chunkW] = [Math.min(chunk, height), Math.min(chunk, width)];
  const array: ZarrArray = {
    shape: [height, width],
    chunks: [chunkH, chunkW],
    dtype: wide ? 'uint32' : 'uint16',
    littleEndian: true,
    compressor: 'zlib',
    fillValue: 0,
    order: 'C',
    separator: '/',
  };
  const zarray = {
    zarr_format: 2,
    shape: array.shape,
    chunks: array.chunks,
    dtype: wide ? '<u4' : '<u2',
    compressor: { id: 'zlib', level: 6 },
    fill_value: 0,
    order: 'C',
    filters: null,
    dimension_separator: '/',
  };
  const chunks = new Map<string, Uint8Array>();
  for (const { key, y0, x0 } of chunkKeys(array, width, height)) {
    const data = wide ? new Uint32Array(chunkH * chunkW) : new Uint16Array(chunkH * chunkW); // padding stays 0
    for (let y = y0; y < Math.min(y0 + chunkH, height); y++) {
      data.set(labels.subarray(y * width + x0, y * width + Math.min(x0 + chunkW, width)), (y - y0) * chunkW);
    }
    chunks.set(key, deflateZlib(littleEndianBytes(data)));
  }
  return { zarray: JSON.stringify(zarray, null, 2), chunks };
}

/** Typed-array bytes in little-endian order whatever the platform's. */
function littleEndianBytes(data: Uint16Array | Uint32Array): Uint8Array {
  const bytes = new Uint8Array(data.byteLength);
  const view = new DataView(bytes.buffer);
  if (data instanceof Uint16Array) data.forEach((value, i) => view.setUint16(2 * i, value, true));
  else data.forEach((value, i) => view.setUint32(4 * i, value, true));
  return bytes;
}
