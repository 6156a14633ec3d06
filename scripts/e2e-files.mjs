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

const file = (name) => `test/e2e/${name}.test.ts`;

/**
 * The include and exclude globs of one vitest run for these engines. `part` splits Chromium's
 * files in two runs that can go side by side: 'shared' (the files above) or 'chromium-only' (the
 * rest); without it, every file that has a part in one of the engines.
 */
export function e2eFiles(engines, part) {
  const shared = Object.entries(BEYOND_CHROMIUM)
    .filter(([, more]) => engines.includes('chromium') || more.some((engine) => engines.includes(engine)))
    .map(([name]) => file(name));
  if (part === 'shared') return { include: shared, exclude: [] };
  if (part === 'chromium-only') return { include: ['test/e2e/**/*.test.ts'], exclude: Object.keys(BEYOND_CHROMIUM).map(file) };
  return engines.includes('chromium') ? { include: ['test/e2e/**/*.test.ts'], exclude: [] } : { include: shared, exclude: [] };
}
