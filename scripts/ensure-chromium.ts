// Makes sure the browser tests have a Chromium: found, installed with apt-get (as root), or
// a one-line instruction and a non-zero exit.
import { execSync } from 'node:child_process';
import { findChromium } from './chromium';

function install(): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.log('Chromium not found: installing Debian\'s "chromium" package with apt-get…');
  execSync('apt-get update -qq && apt-get install -y -qq chromium', { stdio: 'inherit', env });
}

let path = findChromium();
if (!path && process.getuid?.() === 0 && existsOnPath('apt-get')) {
  install();
  path = findChromium();
}
if (!path) {
  console.error('Browser tests need Chromium: run `sudo apt-get install -y chromium` or set CHROMIUM_PATH to a Chromium binary.');
  process.exit(1);
}
console.log(`Chromium: ${path}`);

function existsOnPath(command: string): boolean {
  try {
    execSync(`command -v ${command}`, { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
}
