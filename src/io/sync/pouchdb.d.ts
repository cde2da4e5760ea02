/** The browser's IndexedDB adapter (untyped CommonJS package). */
declare module 'pouchdb-adapter-idb' {
  const plugin: unknown;
  export default plugin;
}
