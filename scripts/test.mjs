#!/usr/bin/env node
/**
 * `npm test`: every check, in order, each run even when an earlier one failed, then one closing
 * line `N passed, N failed` summing every test runner (CI reads it). Exit code non-zero when any
 * step failed. Steps: the browser engines present; typecheck, lint, the formatting check and the
 * builds side by side; vitest (unit + server); then two at a time: web-test-runner (elements, one
 * run per engine; Firefox's with the wall clock a year ahead) and the unit tests with the clock a
 * year ahead; from when the last of those starts, vitest e2e (real server + SMTP; runs side by
 * side: the shared scenarios in every engine, and Chromium's own files in two more runs). Each
 * engine's runs print their counts and time.
 *
 * `npm test -- unit elements` picks steps (static, build, unit, elements, clock, e2e); naming engines
 * (`npm test -- elements firefox webkit`) picks engines. A missing engine is named with the way
 * to install it; under CI (CI set) that fails the run, elsewhere its tests are left out, loudly.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINES, engineVersion, findEngine, HOW_TO_GET } from './find-browsers.mjs';
import { findChromium } from './find-chromium.mjs';
import { createPgliteTemplate } from './pglite-template.mjs';

const args = process.argv.slice(2);
const steps = args.filter((a) => !ENGINES.includes(a));
const want = (name) => steps.length === 0 || steps.includes(name);
const askedEngines = args.filter((a) => ENGINES.includes(a));
const ci = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
const tmp = mkdtempSync(join(tmpdir(), 'iess-test-'));
const started = Date.now();
const totals = { passed: 0, failed: 0 };
const failures = [];
/** Lines of the closing per-engine report. */
const report = [];

const secs = (started) => ((Date.now() - started) / 1000).toFixed(1);

/**
 * Runs a command. `capture` keeps its output (for counting); `quiet` also holds it back until the
 * command ends, so that commands run side by side print one after the other.
 */
function run(name, cmd, cmdArgs, { env = {}, capture = false, quiet = false } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const banner = `\n▶ ${name}: ${cmd} ${cmdArgs.join(' ')}`;
    if (!quiet) console.log(banner);
    const child = spawn(cmd, cmdArgs, {
      stdio: ['ignore', capture || quiet ? 'pipe' : 'inherit', capture || quiet ? 'pipe' : 'inherit'],
      env: { ...process.env, ...env },
    });
    let out = '';
    if (capture || quiet) {
      child.stdout.on('data', (d) => {
        out += d;
        if (!quiet) process.stdout.write(d);
      });
      child.stderr.on('data', (d) => {
        out += d;
        if (!quiet) process.stderr.write(d);
      });
    }
    child.on('close', (code) => {
      const took = secs(started);
      if (quiet) console.log(`${banner}\n${out}`);
      console.log(`◀ ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${took} s`);
      if (code !== 0) failures.push(name);
      resolve({ code, out, took });
    });
  });
}

/**
 * Vitest's JSON report gives exact counts; a crash before any report counts as one failure, and
 * so does each file that failed without a failed test (a beforeAll that threw skips its tests).
 */
function readVitest(name, file) {
  if (!existsSync(file)) {
    console.log(`${name}: no report written`);
    totals.failed += 1;
    return null;
  }
  const result = JSON.parse(readFileSync(file, 'utf8'));
  const broken = result.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((t) => t.status === 'failed'));
  for (const f of broken) console.log(`${name}: ${f.name} failed before its tests could run (counted as 1 failed)`);
  result.numFailedTests += broken.length;
  totals.passed += result.numPassedTests;
  totals.failed += result.numFailedTests;
  if (result.numPendingTests || result.numTodoTests) {
    console.log(`${name}: ${result.numPendingTests + result.numTodoTests} skipped/todo test(s) — not counted as passed`);
  }
  if (result.numTotalTests === 0) {
    console.log(`${name}: ran no test`);
    totals.failed += 1;
  }
  return result;
}

// Which engines run: each one asked for (all by default) that this machine has.
const engines = [];
for (const engine of askedEngines.length ? askedEngines : ENGINES) {
  if (findEngine(engine)) {
    engines.push(engine);
    continue;
  }
  console.error(`\n✖ ${engine} is missing: its browser tests cannot run.\n${HOW_TO_GET[engine]}`);
  if (ci) {
    failures.push(`${engine} missing`);
    totals.failed += 1;
  }
  report.push(`${engine}: NOT TESTED (not installed${ci ? '; CI fails' : ''})`);
}
for (const engine of engines) console.log(`${engine}: ${findEngine(engine)} — ${engineVersion(engine)}`);
const chromium = findChromium();
const env = chromium ? { CHROME_PATH: chromium } : {};

// Steps that share nothing run side by side (two cores; much of a browser test is waiting): the
// typecheck beside the lint, the three engines' element runs, the engines' end-to-end runs; each
// engine's run has its own counts and time.
// The static checks and the build share nothing: side by side (they are CPU work; the build alone
// after them left a core idle, 2026-12-04). Only the builds and the end-to-end tests need dist/;
// unit and server tests run from the sources (the size test builds into a folder of its own).
const staticJobs = [];
if (want('static')) {
  // The whole tree, then the widget with DOM types only and the server with Node types only;
  // beside it, the lint and the formatting check.
  staticJobs.push(
    run('typecheck', 'npm', ['run', 'typecheck', '--silent'], { quiet: true }),
    run('lint', 'npx', ['eslint', '.', '--max-warnings', '0'], { quiet: true }),
    // One formatting for the whole tree (.prettierrc.json; `npm run format` applies it).
    run('format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn'], { quiet: true }),
    run('embedding docs are current', 'node', ['scripts/embed-docs.mjs', '--check'], { quiet: true }),
  );
}
const building = want('build') || want('e2e') ? run('build', 'npm', ['run', 'build', '--silent'], { quiet: true }) : undefined;
await Promise.all(staticJobs);
const built = building ? (await building).code === 0 : false;

/** Counts of a web-test-runner run from its last summary line, or null. */
function wtrCounts(out) {
  const match = [...out.matchAll(/(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/g)].at(-1);
  return match ? [match[1], match[2], match[3] ?? '0'].map(Number) : null;
}

/** Adds a web-test-runner run's counts to the totals and the report. */
function countElements(label, out, took) {
  const counts = wtrCounts(out);
  if (!counts) {
    totals.failed += 1;
    report.push(`${label}: no summary line found (counted as 1 failed) after ${took} s`);
    return;
  }
  const [passed, failed, skipped] = counts;
  totals.passed += passed;
  totals.failed += failed;
  report.push(`${label}: ${passed} passed, ${failed} failed, ${skipped} skipped (not counted as passed) in ${took} s`);
}

if (want('unit')) {
  // Alone: its server tests start real servers and databases against deadlines of their own
  // (two workers, vitest.config.ts: one left a core idle half the run).
  const file = join(tmp, 'vitest.json');
  const { took } = await run(
    'unit+server',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`],
    { env },
  );
  const result = readVitest('unit+server', file);
  if (result) report.push(`unit+server (no browser): ${result.numPassedTests} passed, ${result.numFailedTests} failed in ${took} s`);
}
/**
 * A port the system has free now, for one web-test-runner's dev server: two runs side by side both
 * took the default 8000 and one stopped at once with EADDRINUSE (CI, 2026-12-03).
 */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
// A test that judges a fixed fixture date by the real clock passes until that date passes. The
// unit tests run once more, and one engine's element run runs, with the wall clock a year ahead
// (test/clock/clock-ahead.js): such a test fails today. The clock is the tests' JavaScript, not the
// engine's, so any engine can carry it: Firefox's run does (Chromium and WebKit keep today's clock),
// instead of a fourth element run (85 s, 2026-12-03).
const ahead = { TEST_CLOCK_AHEAD_DAYS: '365' };
const aheadEngine = want('clock') ? (engines.includes('firefox') ? 'firefox' : engines[0]) : undefined;
/** Runs, two at a time: the element runs (one per engine) and the unit tests a year ahead. */
const browserJobs = [];
const elementEngines = want('elements') ? [...engines] : [];
if (aheadEngine && !elementEngines.includes(aheadEngine)) elementEngines.push(aheadEngine);
for (const engine of elementEngines) {
  const moved = engine === aheadEngine;
  const label = `elements ${engine}${moved ? ', clock a year ahead' : ''}`;
  browserJobs.push(async () =>
    run(`elements (${engine}${moved ? ', clock a year ahead' : ''})`, 'npx', ['wtr', '--config', 'web-test-runner.config.mjs'], {
      env: { ...env, ...(moved ? ahead : {}), TEST_ENGINES: engine, TEST_WTR_PORT: String(await freePort()) },
      quiet: true,
    }).then(({ out, took }) => countElements(label, out, took)),
  );
}
if (want('clock')) {
  browserJobs.push(async () => {
    const file = join(tmp, 'vitest-ahead.json');
    await run(
      'unit, clock a year ahead',
      'npx',
      ['vitest', 'run', 'test/unit', '--maxWorkers=1', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`],
      { env: { ...env, ...ahead }, quiet: true },
    );
    const unit = readVitest('unit, clock a year ahead', file);
    if (unit) report.push(`unit, clock a year ahead: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed`);
  });
}
// Two at a time, one per core (each browser has its own focus), the next starting as soon as one
// ends: one after another the element runs took 240 s of a 721 s npm test (2026-12-03). When no
// element run is left to start, the end-to-end runs start beside the last one: that one ran alone
// on a half-idle machine for 30–60 s (2026-12-04).
const queue = [...browserJobs];
const lane = async () => {
  for (let job = queue.shift(); job; job = queue.shift()) await job();
};
const lanes = [lane(), lane()];
await Promise.race(lanes);
await Promise.all([...lanes, endToEnd()]);

/** The end-to-end runs (when asked for), side by side. */
async function endToEnd() {
  if (!want('e2e')) return;
  // One vitest per engine, side by side: Firefox and WebKit run the scenarios shared by all
  // engines, Chromium runs those and its own files in three runs (scripts/e2e-files.mjs). dist/ was
  // built above and is not rebuilt by the tests (IESS_DIST_BUILT): other runs serve it meanwhile.
  // On the embedded database, one PGlite template for every run's servers (scripts/pglite-template.mjs).
  let template = '';
  if (built && !process.env.TEST_DATABASE_URL) {
    try {
      template = await createPgliteTemplate(tmp);
    } catch (error) {
      console.log(`PGlite template: ${error.message}; each end-to-end run makes its own`);
    }
  }
  const runs = engines.flatMap((engine) =>
    (engine === 'chromium' ? ['shared', 'pages', 'builds'] : [undefined]).map((part) => ({ engine, part })),
  );
  const results = await Promise.all(
    runs.map(async ({ engine, part }) => {
      const name = `e2e (${engine}${part ? `, ${part}` : ''})`;
      const file = join(tmp, `e2e-${engine}-${part ?? 'all'}.json`);
      const { took } = await run(
        name,
        'npx',
        ['vitest', 'run', '-c', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`],
        {
          env: {
            ...env,
            TEST_ENGINES: engine,
            ...(part ? { E2E_PART: part } : {}),
            ...(built ? { IESS_DIST_BUILT: '1' } : {}),
            ...(template ? { IESS_E2E_PGLITE_TEMPLATE: template } : {}),
          },
          quiet: true,
        },
      );
      return { engine, result: readVitest(name, file), took: Number(took) };
    }),
  );
  for (const engine of engines) {
    const mine = results.filter((r) => r.engine === engine);
    if (mine.some((r) => !r.result)) continue; // no report: counted as a failure above
    const sum = (key) => mine.reduce((n, r) => n + r.result[key], 0);
    const what = engine === 'chromium' ? 'chromium (every end-to-end file, build checks included)' : engine;
    const took = Math.max(...mine.map((r) => r.took)).toFixed(1);
    report.push(
      `e2e ${what}: ${sum('numPassedTests')} passed, ${sum('numFailedTests')} failed, ${sum('numPendingTests') + sum('numTodoTests')} skipped in ${took} s`,
    );
  }
}

rmSync(tmp, { recursive: true, force: true });
// In a fixed order (the runs above end in any order): unit, then elements, then e2e, by engine.
const rank = (line) => ['unit', 'elements', 'e2e'].findIndex((w) => line.startsWith(w)) * 10 + ENGINES.findIndex((e) => line.includes(e));
report.sort((a, b) => rank(a) - rank(b));
if (report.length) console.log(`\nBy runner and engine:\n  ${report.join('\n  ')}`);
console.log(`\nnpm test took ${secs(started)} s`);
if (failures.length) console.log(`\nFailed steps: ${failures.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(failures.length || totals.failed ? 1 : 0);
