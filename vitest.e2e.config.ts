import { defineConfig } from 'vitest/config';

// End-to-end: Playwright (playwright-core) drives Debian's Chromium against the built widget and
// the real server with its SMTP catcher. One file at a time: each starts its own server.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // A real browser on a busy 2-core machine: a waited-for state may take seconds, not the
    // default 1 s (waiting longer never makes a wrong state pass).
    expect: { poll: { timeout: 15_000 } },
  },
});
