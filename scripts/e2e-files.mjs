// Which end-to-end files run in which engines (vitest.e2e.config.ts and scripts/test.mjs read it).
// The files named here have scenarios beyond Chromium (describeInEngines in test/e2e/harness.ts;
// the extension has no WebKit build); every other end-to-end file drives Chromium only.
export const BEYOND_CHROMIUM = {
  generar: ['firefox', 'webkit'],
  recuperar: ['firefox', 'webkit'],
  'link-expiry': ['firefox', 'webkit'],
  lock: ['firefox', 'webkit'],
  'extension-flow': ['firefox'],
  'time-limits': ['firefox', 'webkit'],
};

/**
 * Chromium's own files that check what is built and how it is hosted (the npm package, the
 * extension's build, the embed snippet, a hostile host page), and the dead links (31 s, mostly
 * waiting for a real expiry: here for balance): the 'builds' part. The others are the 'pages'
 * part. Split so that no end-to-end run is much longer than the rest: one run of every
 * Chromium-only file took 269 s while the other engines' took 167 s, and its last 100 s ran alone
 * on a half-idle machine (npm test, 2026-12-03); without the dead links, 'pages' still ended 30 s
 * after the rest.
 */
export const CHROMIUM_BUILDS = ['package-consumer', 'hostile-host', 'extension-build', 'embed', 'store-packages', 'dead-links'];

const file = (name) => `test/e2e/${name}.test.ts`;

/**
 * The include and exclude globs of one vitest run for these engines. `part` splits Chromium's
 * files in runs that can go side by side: 'shared' (the files in BEYOND_CHROMIUM), 'builds'
 * (CHROMIUM_BUILDS) or 'pages' (the rest); without it, every file that has a part in one of the
 * engines.
 */
export function e2eFiles(engines, part) {
  const shared = Object.entries(BEYOND_CHROMIUM)
    .filter(([, more]) => engines.includes('chromium') || more.some((engine) => engines.includes(engine)))
    .map(([name]) => file(name));
  if (part === 'shared') return { include: shared, exclude: [] };
  if (part === 'builds') return { include: CHROMIUM_BUILDS.map(file), exclude: [] };
  if (part === 'pages')
    return { include: ['test/e2e/**/*.test.ts'], exclude: [...Object.keys(BEYOND_CHROMIUM), ...CHROMIUM_BUILDS].map(file) };
  if (part !== undefined) throw new Error(`E2E_PART: no part '${part}' (shared, pages or builds)`);
  return engines.includes('chromium') ? { include: ['test/e2e/**/*.test.ts'], exclude: [] } : { include: shared, exclude: [] };
}
