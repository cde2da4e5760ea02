/**
 * A file brought in by the user. Files met inside a dropped or picked folder are `inFolder`:
 * the app skips the ones that are not images instead of reporting each as an error.
 */
export interface IntakeFile {
  file: File;
  inFolder: boolean;
  /** Path within what was dropped or picked ("train/a.png"); the file name when there is none. */
  path: string;
}

/** Collects the files of a drop: plain files as they are, folders walked recursively. */
export async function filesFromDrop(dataTransfer: DataTransfer): Promise<IntakeFile[]> {
  // Entries must be taken synchronously: the DataTransfer is emptied after the event.
  const entries = Array.from(dataTransfer.items)
    .map((item) => item.webkitGetAsEntry?.())
    .filter((entry): entry is FileSystemEntry => !!entry);
  if (entries.length === 0) return pickedFiles(dataTransfer.files, false);
  const files = (await Promise.all(entries.map((entry) => filesOfEntry(entry, false)))).flat();
  return files.filter((found) => !hiddenInFolder(found));
}

/** Files from a file input; a folder input marks them all as found in a folder. */
export function pickedFiles(files: Iterable<File>, inFolder: boolean): IntakeFile[] {
  return Array.from(files)
    .map((file) => ({ file, inFolder, path: file.webkitRelativePath || file.name }))
    .filter((found) => !hiddenInFolder(found));
}

/**
 * Hidden files met in a folder (".DS_Store", "._x") are left out, as a file manager would; a
 * file the user named explicitly is brought in (or refused with its reason) whatever its name.
 */
function hiddenInFolder({ file, inFolder }: IntakeFile): boolean {
  return inFolder && file.name.startsWith('.');
}

async function filesOfEntry(entry: FileSystemEntry, inFolder: boolean): Promise<IntakeFile[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [{ file, inFolder, path: entry.fullPath.replace(/^\//, '') }];
  }
  if (!entry.isDirectory) return [];
  const children = await readAllEntries((entry as FileSystemDirectoryEntry).createReader());
  return (await Promise.all(children.map((child) => filesOfEntry(child, true)))).flat();
}

/** readEntries returns at most ~100 entries per call; keep calling until it returns none. */
async function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}
