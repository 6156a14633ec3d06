#!/usr/bin/env node
// Finds a Chromium for the browser tests: CHROME_PATH, then Debian's /usr/bin/chromium, then
// other usual places. Test tools cannot download browsers here; this says how to get one.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export const HOW_TO_GET_CHROMIUM = [
  'No Chromium found for the browser tests.',
  '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium',
  '  Elsewhere:      install Chromium or Chrome and set CHROME_PATH=/path/to/chrome',
].join('\n');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = findChromium();
  if (!path) {
    console.error(HOW_TO_GET_CHROMIUM);
    process.exit(1);
  }
  if (!process.argv.includes('--check')) console.log(path);
}
