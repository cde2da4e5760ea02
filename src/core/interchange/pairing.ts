/**
 * Which of the files brought in together are annotation files, and which image each belongs
 * to. By name, from the registry's suffixes ("A01_objects.png", Cellpose's "A01_masks.tif" and
 * "A01_cp_masks.png", "A01_rois.zip" onto image A01; CVAT XML names its images inside), and by
 * folder: StarDist keeps a mask under the image's own name in a `masks` folder beside the
 * `images` folder ("train/masks/A01.tif" onto "train/images/A01.tif").
 */
import { baseName, fileNameOf } from '../paths';
import { formatById, importFormatOf, maskTargetBase } from './registry';
import type { AnnotationFormat } from './types';

export interface AnnotationFile {
  format: AnnotationFormat;
  /** The base name of the image a per-image file belongs to; null for a file that names its images (CVAT XML). */
  imageBase: string | null;
}

/** Mask file extensions StarDist's folders hold, and the format that reads each. */
const STARDIST_MASKS: Record<string, string> = { '.tif': 'label16-tiff', '.tiff': 'label16-tiff', '.png': 'label16' };

/**
 * Per path (folders with "/" or "\", as IntakeFile.path), what annotation file it is, or null
 * for an image or any other file. A StarDist mask is one only when its image came along: the
 * same base name in a sibling folder named `images` (folder names in any case).
 */
export function annotationFilesAmong(paths: readonly string[]): Array<AnnotationFile | null> {
  const split = paths.map(folderAndName);
  const images = new Set(split.filter(({ folder }) => folder.toLowerCase() === 'images').map(({ parent, name }) => key(parent, baseName(name))));
  return split.map(({ parent, folder, name }) => {
    const format = importFormatOf(name);
    if (format) return { format, imageBase: format.scope === 'image' ? (maskTargetBase(name) ?? baseName(name)) : null };
    const extension = name.slice(name.lastIndexOf('.')).toLowerCase();
    const stardist = folder.toLowerCase() === 'masks' && Object.hasOwn(STARDIST_MASKS, extension) && images.has(key(parent, baseName(name)));
    return stardist ? { format: formatById(STARDIST_MASKS[extension]), imageBase: baseName(name) } : null;
  });
}

/** "data/train/masks/a.tif" → parent "data/train", folder "masks", name "a.tif". */
function folderAndName(path: string): { parent: string; folder: string; name: string } {
  const parts = path.split(/[/\\]/);
  return { parent: parts.slice(0, -2).join('/'), folder: parts.at(-2) ?? '', name: fileNameOf(path) };
}

function key(parent: string, base: string): string {
  return `${parent}\u0000${base}`;
}
