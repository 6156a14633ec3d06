// Element tests in three real engines, TypeScript through esbuild: Chromium, Firefox and WebKit
// (scripts/wtr-engines.mjs). TEST_ENGINES=firefox (comma-separated) picks engines; `npm test` runs
// one engine per run so that each has its own counts and time.
// The tsconfig is passed explicitly.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';
import { ENGINES } from './scripts/find-browsers.mjs';
import { engineCommandsPlugin, launcherFor } from './scripts/wtr-engines.mjs';

const engines = (process.env.TEST_ENGINES ?? ENGINES.join(',')).split(',').filter(Boolean);
// TEST_CLOCK_AHEAD_DAYS moves the page's wall clock before any test module loads
// (test/clock/clock-ahead.js; npm test runs the element tests once a year ahead).
const aheadDays = Number(process.env.TEST_CLOCK_AHEAD_DAYS ?? 0);
// Every test page loads test/elements/setup/reportable-assertions.ts first (a failed assertion on a
// DOM element would otherwise leave the file hanging without a word), then the clock move if any.
const testPage = (testFramework) => `<!DOCTYPE html><html><head></head><body>
<script type="module" src="/test/elements/setup/reportable-assertions.ts"></script>
${aheadDays ? `<script type="module">import { moveClockAhead } from '/test/clock/clock-ahead.js'; window.__clockAheadDays = ${aheadDays}; moveClockAhead(${aheadDays});</script>` : ''}
<script type="module" src="${testFramework}"></script></body></html>`;

export default {
  // npm test gives each run its own free port (scripts/test.mjs): runs go side by side.
  ...(process.env.TEST_WTR_PORT ? { port: Number(process.env.TEST_WTR_PORT) } : {}),
  files: 'test/elements/**/*.test.ts',
  testRunnerHtml: testPage,
  nodeResolve: { exportConditions: ['production'] },
  // One test file at a time per engine: tests move the focus and press keys, which two pages of
  // one browser would steal from each other (and WebDriver runs one page per session).
  concurrency: 1,
  testFramework: { config: { timeout: 60_000 } },
  // A loaded machine may take a while to start a browser (WebKit starts its display first).
  browserStartTimeout: 120_000,
  testsStartTimeout: 120_000,
  // A test file's whole run: generous for a loaded 2-core machine (the longest file takes about
  // 10 s alone). A file that hangs is a bug to find, not a deadline to raise: the last one was a
  // failed assertion on a DOM element (test/elements/setup/reportable-assertions.ts).
  testsFinishTimeout: 600_000,
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
    engineCommandsPlugin(),
  ],
  browsers: engines.map(launcherFor),
};
