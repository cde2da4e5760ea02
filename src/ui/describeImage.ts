import type { ImageRecord } from '../core/project';

/** "well A12 · field 0 · channel 0 · plate 170702090001", or null for other file names. */
export function describeCellomics(image: ImageRecord): string | null {
  const name = image.cellomics;
  if (!name) return null;
  return `well ${name.well} · field ${name.field} · channel ${name.channel} · plate ${name.plate}`;
}

export function describeSize(image: ImageRecord): string {
  const kind = image.channels === 1 ? 'grey' : image.channels === 3 ? 'RGB' : 'RGBA';
  return `${image.width} × ${image.height} · ${image.sourceBitDepth}-bit ${kind}`;
}

/**
 * A long name shortened in the middle ("MFGTMPcx7_1707…B14f07d0.png"), so its distinguishing
 * end (well, field, extension) stays readable and nothing breaks inside a token.
 */
export function middleEllipsis(name: string, max: number): string {
  if (name.length <= max) return name;
  const tail = Math.ceil((max - 1) * 0.65); // the end tells images of one plate apart
  return `${name.slice(0, max - 1 - tail)}…${name.slice(name.length - tail)}`;
}
