/**
 * The little of the platform that core may use: what browsers, Web Workers and Node all have.
 * src/core/tsconfig.json compiles core with no DOM library and only these, so a DOM-only API
 * (document, window, canvas, IndexedDB) in core fails the layering test.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  /** The canonical name of the label given, lower case ("latin1" → "windows-1252"). */
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}

declare var crypto: { getRandomValues<T extends ArrayBufferView>(array: T): T };

/** Cancellation of long work (model passes, exports): the caller's AbortController's signal. */
interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
}
