#!/usr/bin/env node
// Finds the three browser engines the tests run in, from the machine's packages (test tools
// cannot download browsers here), and says how to install whichever is missing.
//   chromium: CHROME_PATH, else Debian's /usr/bin/chromium (scripts/find-chromium.mjs)
//   firefox:  FIREFOX_PATH, else Debian's /usr/bin/firefox-esr or /usr/bin/firefox (WebDriver BiDi)
//   webkit:   WebKitGTK's WebDriver server (WEBKIT_WEBDRIVER_PATH, else /usr/bin/WebKitWebDriver), the
//             MiniBrowser it launches (MINIBROWSER_PATH, else the file the WebKitGTK package installed)
//             and Xvfb for its display (XVFB_PATH, else /usr/bin/Xvfb)
// `node scripts/find-browsers.mjs` prints each engine's path and version; `--check [engine…]`
// exits 1 with the install advice when one is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findChromium, HOW_TO_GET_CHROMIUM } from './find-chromium.mjs';

export const ENGINES = /** @type {const} */ (['chromium', 'firefox', 'webkit']);

const fromEnvOr = (name, candidates) => {
  const fromEnv = process.env[name];
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return candidates.find((p) => existsSync(p)) ?? null;
};

export function findFirefox() {
  return fromEnvOr('FIREFOX_PATH', ['/usr/bin/firefox-esr', '/usr/bin/firefox']);
}

/** WebKitGTK packages that ship MiniBrowser (Debian 12 and 13; the GTK 4 build last). */
const WEBKIT_PACKAGES = ['libwebkit2gtk-4.1-0', 'libwebkit2gtk-4.0-37', 'libwebkitgtk-6.0-4', 'webkit2gtk-driver'];

/** MiniBrowser's path, as the installed WebKitGTK package lists it (`dpkg -L`), not a guess. */
export function findMiniBrowser() {
  const fromEnv = process.env.MINIBROWSER_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  for (const pkg of WEBKIT_PACKAGES) {
    let files = '';
    try {
      files = execFileSync('dpkg', ['-L', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      continue; // package not installed, or no dpkg at all
    }
    const path = files.split('\n').find((line) => line.endsWith('/MiniBrowser'));
    if (path && existsSync(path)) return path;
  }
  return null;
}

/** @returns {{ driver: string, browser: string, xvfb: string } | null} */
export function findWebKit() {
  const driver = fromEnvOr('WEBKIT_WEBDRIVER_PATH', ['/usr/bin/WebKitWebDriver']);
  const xvfb = fromEnvOr('XVFB_PATH', ['/usr/bin/Xvfb']);
  const browser = driver ? findMiniBrowser() : null;
  return driver && browser && xvfb ? { driver, browser, xvfb } : null;
}

export const HOW_TO_GET = {
  chromium: HOW_TO_GET_CHROMIUM,
  firefox: [
    'No Firefox found for the browser tests (Firefox runs them through WebDriver BiDi, no geckodriver).',
    '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y firefox-esr',
    '  Elsewhere:      install Firefox 128 or newer and set FIREFOX_PATH=/path/to/firefox',
  ].join('\n'),
  webkit: [
    'No WebKit found for the browser tests (WebKitGTK: WebKitWebDriver, MiniBrowser, and Xvfb for their display).',
    '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y webkit2gtk-driver xvfb',
    '  Elsewhere:      set WEBKIT_WEBDRIVER_PATH, MINIBROWSER_PATH and XVFB_PATH',
  ].join('\n'),
};

/** The engine's path (WebKit: its WebDriver server), or null when it is missing. */
export function findEngine(engine) {
  if (engine === 'chromium') return findChromium();
  if (engine === 'firefox') return findFirefox();
  if (engine === 'webkit') return findWebKit()?.driver ?? null;
  throw new Error(`unknown engine ${engine}`);
}

/** The engine's version line as the browser prints it, e.g. "Mozilla Firefox 153.8.0esr". */
export function engineVersion(engine) {
  const run = (file, args) => execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 }).trim();
  try {
    if (engine === 'chromium') return run(findChromium(), ['--version']).split('\n').at(-1);
    if (engine === 'firefox') return run(findFirefox(), ['--version']);
    if (engine === 'webkit') {
      // MiniBrowser --version needs a display; the package that installed it knows its version.
      const pkg = run('dpkg', ['-S', findMiniBrowser()]).split(':')[0];
      return `WebKitGTK ${run('dpkg-query', ['-W', '-f', '${Version}', pkg]).replace(/-.*/, '')} (${pkg}, MiniBrowser)`;
    }
  } catch {
    return 'version unknown';
  }
  return 'version unknown';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const engines = asked.length ? asked : ENGINES;
  let missing = 0;
  for (const engine of engines) {
    const path = findEngine(engine);
    if (!path) {
      missing += 1;
      console.error(HOW_TO_GET[engine]);
    } else if (!check) {
      console.log(`${engine}: ${path} (${engineVersion(engine)})`);
    }
  }
  process.exit(missing ? 1 : 0);
}
