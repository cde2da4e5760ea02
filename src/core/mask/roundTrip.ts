/**
 * The exactness check behind `cli roundtrip` and the tests: a mask is imported to objects, the
 * objects are exported again in the same kind of file, and the two files are compared pixel by
 * pixel, object by object.
 */
import { decodeMask, type LabelledMask } from './decodeMask';
import { exportLabel16Png, exportObjectsPng } from './exportMask';
import { objectsFromMask, type TraceMode } from './importMask';

export interface RoundTrip {
  objects: number;
  /** Vertices of all the imported objects' rings. */
  vertices: number;
  /** Objects whose pixels are exactly the same set after the round trip. */
  identicalObjects: number;
  /** Pixels whose object differs (counting background as "no object"). */
  mismatchedPixels: number;
}

/**
 * Round-trips one mask file: colour masks through `_objects.png` (VOC colours), label images
 * through a 16-bit label PNG. Object identity is followed through the values each object was
 * written with, so colours may change without counting as differences. Throws FileFormatError
 * when the input cannot be read as a mask.
 */
export function roundTripMask(fileName: string, bytes: Uint8Array, trace: TraceMode = 'simplified', force = false): RoundTrip {
  const original = decodeMask(fileName, bytes, undefined, force);
  const objects = objectsFromMask(original, trace);
  const { width, height } = original;
  const exported = original.kind === 'colour' ? exportObjectsPng(objects, width, height, { scheme: 'voc', imageName: fileName }) : exportLabel16Png(objects, width, height);
  const again = decodeMask(`${fileName} (exported)`, exported.bytes, undefined, force);
  // Object i was read from value objects[i].value and written as exported.values[i].
  const written = new Map(objects.map((object, i) => [object.value, exported.values[i]]));
  const vertices = objects.reduce((sum, object) => sum + object.rings.reduce((n, ring) => n + ring.length / 2, 0), 0);
  return { ...compare(original, again, original.values.map((value) => written.get(value)!)), vertices };
}

/** `expected[k - 1]`: the value label k of `original` should have in `again`. */
function compare(original: LabelledMask, again: LabelledMask, expected: number[]): Omit<RoundTrip, 'vertices'> {
  const count = original.values.length;
  const wrong = new Uint8Array(count + 1); // per original label: some pixel differs
  const labelOfValue = new Map(expected.map((value, i) => [value, i + 1]));
  let mismatchedPixels = 0;
  for (let p = 0; p < original.labels.length; p++) {
    const before = original.labels[p], now = again.labels[p];
    const nowValue = now === 0 ? 0 : again.values[now - 1];
    const beforeValue = before === 0 ? 0 : expected[before - 1];
    if (nowValue === beforeValue) continue;
    mismatchedPixels++;
    wrong[before] = 1; // the object that lost the pixel ...
    wrong[labelOfValue.get(nowValue) ?? 0] = 1; // ... and the one that gained it
  }
  let identicalObjects = 0;
  for (let k = 1; k <= count; k++) if (!wrong[k]) identicalObjects++;
  return { objects: count, identicalObjects, mismatchedPixels };
}
