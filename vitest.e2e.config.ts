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
    globalSetup: ['test/e2e/pglite-template.ts'],
    // A real browser on a busy 2-core machine: a waited-for state may take seconds, not the
    // default 1 s (waiting longer never makes a wrong state pass).
    expect: { poll: { timeout: 15_000 } },
  },
});
