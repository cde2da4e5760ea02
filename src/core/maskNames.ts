/** Dataset splits recognised from an image's folder. */
const SPLITS = new Set(['train', 'dev', 'test', 'val', 'validation']);

/** "data/train/a.png" -> "train": the split an image's parent folder names, else undefined. */
export function splitFromPath(path: string): string | undefined {
  const parts = path.split(/[/\\]/).filter(Boolean);
  const folder = parts.length >= 2 ? parts[parts.length - 2].toLowerCase() : '';
  return SPLITS.has(folder) ? folder : undefined;
}
