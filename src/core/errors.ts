/** A file could not be read. `message` names the file and the reason, ready to show a user. */
export class FileFormatError extends Error {
  constructor(
    readonly fileName: string,
    readonly reason: string,
  ) {
    super(`${fileName}: ${reason}`);
    this.name = 'FileFormatError';
  }
}
