/** File-name helpers for names that may carry folders, written with "/" or "\". */

/** "dir/sub/name.ext" → "name.ext". */
export function fileNameOf(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** "dir/sub/name.ext" → "name" (only the last extension goes; ".hidden" stays). */
export function baseName(path: string): string {
  const file = fileNameOf(path);
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file;
}
