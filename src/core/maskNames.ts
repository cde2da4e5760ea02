import { MASK_SUFFIXES } from './mask/exportMask';

/**
 * How mask files are told from images by name: this app's own export names, and the names
 * Cellpose and other tools commonly use for label images beside their image.
 */
const MASK_NAME_SUFFIXES = [...Object.values(MASK_SUFFIXES), '_masks.png', '_masks.tif', '_masks.tiff', '_labels.png', '_labels.tif', '_labels.tiff'];

/**
 * The base name of the image a mask file belongs to ("A01_objects.png" -> "A01"), or null when
 * the name is not a mask's. Case-insensitive on the suffix.
 */
export function maskTargetBase(fileName: string): string | null {
  const lower = fileName.toLowerCase();
  const suffix = MASK_NAME_SUFFIXES.find((candidate) => lower.endsWith(candidate));
  return suffix ? fileName.slice(0, fileName.length - suffix.length) : null;
}

/** Dataset splits recognised from an image's folder. */
const SPLITS = new Set(['train', 'dev', 'test', 'val', 'validation']);

/** "data/train/a.png" -> "train": the split an image's parent folder names, else undefined. */
export function splitFromPath(path: string): string | undefined {
  const parts = path.split(/[/\\]/).filter(Boolean);
  const folder = parts.length >= 2 ? parts[parts.length - 2].toLowerCase() : '';
  return SPLITS.has(folder) ? folder : undefined;
}
