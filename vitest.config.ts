import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Node-side tests: unit (pure widget code, client against a real local HTTP server) and server
// (real HTTP on 127.0.0.1, PGlite always, PostgreSQL/Redis when TEST_DATABASE_URL/TEST_REDIS_URL).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/unit/**/*.test.ts', 'test/server/**/*.test.ts', 'test/security/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // At least two: vitest's default on a 2-core machine is one worker, and the run left a core idle
    // about half the time (its server tests wait on sockets): 155 s with one, 83 s with two (2026-12-03).
    // Every server test has a database schema, a Redis prefix and ports of its own.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // TEST_CLOCK_AHEAD_DAYS moves the wall clock (npm test runs the unit tests a year ahead once).
    setupFiles: ['test/clock/vitest-setup.ts'],
  },
});
