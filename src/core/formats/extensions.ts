/**
 * Lower-case file extensions offered in file pickers and accepted from folder drops. Kept apart
 * from the decoders so the app's main bundle can use it without loading them.
 */
export const SUPPORTED_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg', '.tif', '.tiff', '.c01'];

/** True when the name ends in a supported image extension (any case). */
export function hasImageExtension(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return SUPPORTED_EXTENSIONS.some((extension) => lower.endsWith(extension));
}
