/** Dataset splits recognised from an image's folder. */
const SPLITS = new Set(['train', 'dev', 'test', 'val', 'validation']);

/**
 * "data/train/a.png" -> "train": the split an image's parent folder names, else undefined. An
 * `images` folder is looked past, as in StarDist's layout ("train/images/a.tif").
 */
export function splitFromPath(path: string): string | undefined {
  const folders = path.split(/[/\\]/).filter(Boolean).slice(0, -1).map((folder) => folder.toLowerCase());
  if (folders.at(-1) === 'images') folders.pop();
  const folder = folders.at(-1) ?? '';
  return SPLITS.has(folder) ? folder : undefined;
}
