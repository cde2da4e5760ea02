/**
 * Ports of the servers Playwright starts (playwright.config.ts), ports of the tests' own (not
 * Vite's or CouchDB's defaults), so they never test a server someone else started; PW_PORT picks
 * others when a second checkout runs its tests on the same machine.
 */
export const APP_PORT = Number(process.env.PW_PORT ?? 4391);
/** The dev sync server's, derived so that one PW_PORT keeps two checkouts apart. */
export const SYNC_PORT = APP_PORT + 1000;
