/**
 * The part of PouchDB 7's API the app uses, typed here (DefinitelyTyped's types declare a
 * global `Buffer` that breaks Node's; the dev server declares its own smaller part).
 * Documents are plain objects with `_id` and `_rev`.
 */
export type Doc = { _id: string; _rev?: string; [key: string]: unknown };
export type Plugin = unknown;
export interface Options {
  adapter?: string;
  skip_setup?: boolean;
  auth?: { username: string; password: string };
}
export interface Emitter<E> extends Promise<unknown> {
  on<K extends keyof E>(event: K, listener: E[K]): this;
  cancel(): void;
}
export interface Change {
  id: string;
  seq: number | string;
  changes: Array<{ rev: string }>;
  doc?: Doc;
  deleted?: boolean;
}
export interface SyncEvents {
  change(info: { direction: 'push' | 'pull'; change: { docs: Doc[]; docs_written: number; pending?: number } }): void;
  paused(error?: unknown): void;
  active(): void;
  denied(error: unknown): void;
  complete(info: unknown): void;
  error(error: unknown): void;
}
export interface ReplicateOptions {
  live?: boolean;
  retry?: boolean;
  back_off_function?: (delay: number) => number;
  batch_size?: number;
  batches_limit?: number;
  doc_ids?: string[];
}
export interface AllDocsRow {
  id: string;
  key: string;
  value: { rev: string; deleted?: boolean };
  doc?: Doc;
  error?: string;
}
export interface Database<T extends object = object> {
  name: string;
  get(id: string, options?: { rev?: string; revs?: boolean; conflicts?: boolean }): Promise<T & Doc>;
  put(doc: object): Promise<{ ok: boolean; id: string; rev: string }>;
  bulkDocs(docs: object[], options?: { new_edits?: boolean }): Promise<Array<{ ok?: boolean; id: string; rev: string; error?: string; message?: string; status?: number }>>;
  allDocs(options?: { startkey?: string; endkey?: string; keys?: string[]; include_docs?: boolean; limit?: number }): Promise<{ total_rows: number; rows: AllDocsRow[] }>;
  changes(options: { since?: number | string; live?: boolean; include_docs?: boolean }): Emitter<{ change(change: Change): void; error(error: unknown): void; complete(info: unknown): void }>;
  sync(remote: Database<T> | string, options?: ReplicateOptions): Emitter<SyncEvents>;
  replicate: {
    to(remote: Database<T> | string, options?: ReplicateOptions): Emitter<SyncEvents>;
    from(remote: Database<T> | string, options?: ReplicateOptions): Emitter<SyncEvents>;
  };
  info(): Promise<{ doc_count: number; update_seq: number | string }>;
  destroy(): Promise<void>;
  close(): Promise<void>;
}

export interface PouchDBStatic {
new <T extends object = object>(name: string, options?: Options): Database<T>;
plugin(plugin: unknown): PouchDBStatic;
}
