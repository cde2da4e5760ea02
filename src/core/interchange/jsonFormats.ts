/** What the JSON formats (COCO, GeoJSON) share: reading a file's JSON, looking at its values, taking in its outlines. */
import { clipOutline, type DroppedOutlines } from '../cvat/outline';
import { FileFormatError } from '../errors';
import { describeError } from '../formats/common';
import type { Ring } from '../objects';

/** The JSON value of a file: UTF-8 (RFC 8259; a byte order mark is dropped). Throws FileFormatError naming the file. */
export function parseJsonFile(fileName: string, bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FileFormatError(fileName, 'not UTF-8 text, so not a JSON file');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FileFormatError(fileName, `not valid JSON: ${describeError(error)}`);
  }
}

/** Throws the FileFormatError for `reason` (the caller's says which file and where in it). */
export type Refuse = (reason: string) => never;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value for a message: short, whatever it is. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Adds one to `counts[key]` (the `skipped` and `droppedOutlines` tallies). */
export function tally<K extends string>(counts: Partial<Record<K, number>>, key: K): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export function jsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

/**
 * Adds an outline read from a file (flat x0, y0, … px) to `rings`, cut to the image, or counts it
 * in `dropped` when no object can be made of it (clipOutline: too few vertices, NaN, no area,
 * outside the image), as CVAT import does.
 */
export function addOutline(points: Ring, size: { width: number; height: number }, rings: Ring[], dropped: DroppedOutlines): void {
  const outline = clipOutline(points, size.width, size.height);
  if (typeof outline === 'string') tally(dropped, outline);
  else rings.push(outline);
}
