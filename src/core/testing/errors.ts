import { expect } from 'vitest';
import { FileFormatError } from '../errors';

/** Runs `fn`, expecting it to throw a FileFormatError, and returns that error for checks. */
export function errorOf(fn: () => unknown): FileFormatError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FileFormatError);
    return error as FileFormatError;
  }
  throw new Error('expected a FileFormatError');
}
