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
