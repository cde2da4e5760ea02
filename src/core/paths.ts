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

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/**
 * A file or folder name every system can create (it lands in ZIPs that are unpacked on
 * Windows too): characters Windows forbids (< > : " / \ | ? * and control characters) become
 * "_", trailing dots and spaces go (a name of dots alone becomes "_"), and names of devices
 * (CON, NUL, COM1…) get a leading "_".
 */
export function portableFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const replaced = name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_').replace(/[. ]+$/, '');
  if (replaced === '') return '_';
  return WINDOWS_RESERVED.test(replaced) ? `_${replaced}` : replaced;
}
