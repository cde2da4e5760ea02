import { existsSync } from 'node:fs';

/** Where the browser tests look for Chromium: $CHROMIUM_PATH first, then Debian's package. */
export const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (path): path is string => !!path,
);

export function findChromium(): string | undefined {
  return CHROMIUM_CANDIDATES.find((path) => existsSync(path));
}

/** Flags for a headless Chromium on a closed network, run as root in CI. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update'];
