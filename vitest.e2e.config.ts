import { configDefaults, defineConfig } from 'vitest/config';
import { e2eFiles } from './scripts/e2e-files.mjs';

const engines = (process.env.TEST_ENGINES ?? 'chromium,firefox,webkit').split(',');
const { include, exclude } = e2eFiles(engines, process.env.E2E_PART);

// End-to-end: real browsers (test/e2e/drivers/) against the built widget and the real server
// with its SMTP catcher. One file at a time: each starts its own server. TEST_ENGINES=firefox
// runs only the files with a Firefox part; E2E_PART splits Chromium's files (scripts/e2e-files.mjs).
export default defineConfig({
  test: {
    environment: 'node',
    include,
    exclude: [...configDefaults.exclude, ...exclude],
    testTimeout: 120_000,
    // A beforeAll starts a server and a browser, on a machine that may be running four such runs.
    hookTimeout: 240_000,
    fileParallelism: false,
    globalSetup: ['test/e2e/pglite-template.ts', 'test/e2e/firefox-shared.ts'],
    // A real browser on a busy 2-core machine: a waited-for state may take seconds, not the
    // default 1 s (waiting longer never makes a wrong state pass). Asked every 250 ms, not every
    // 50: each ask is a round trip into the page, and Chromium's shared run used 14 % less CPU
    // (85.6 → 73.3 s, 2026-12-04) for the same tests.
    expect: { poll: { timeout: 15_000, interval: 250 } },
  },
});
