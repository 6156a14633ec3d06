#!/usr/bin/env node
/**
 * `npm test`: every check, in order, each run even when an earlier one failed, then one closing
 * line `N passed, N failed` summing every test runner (CI reads it). Exit code non-zero when any
 * step failed. Steps: the browser engines present, typecheck, lint, builds, vitest (unit +
 * server), web-test-runner (elements, one run per engine, the engines side by side), the unit and
 * element tests once more with the wall clock a year ahead (Chromium), vitest e2e (real server +
 * SMTP; the shared scenarios in every engine, the rest in Chromium).
 *
 * `npm test -- unit elements` picks steps (static, build, unit, elements, clock, e2e); naming engines
 * (`npm test -- elements firefox webkit`) picks engines. A missing engine is named with the way
 * to install it; under CI (CI set) that fails the run, elsewhere its tests are left out, loudly.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINES, engineVersion, findEngine, HOW_TO_GET } from './find-browsers.mjs';
import { findChromium } from './find-chromium.mjs';

const args = process.argv.slice(2);
const steps = args.filter((a) => !ENGINES.includes(a));
const want = (name) => steps.length === 0 || steps.includes(name);
const askedEngines = args.filter((a) => ENGINES.includes(a));
const ci = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
const tmp = mkdtempSync(join(tmpdir(), 'iess-test-'));
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

/** Vitest's JSON report gives exact counts; a crash before any report counts as one failure. */
function readVitest(name, file) {
  if (!existsSync(file)) {
    console.log(`${name}: no report written`);
    totals.failed += 1;
    return null;
  }
  const result = JSON.parse(readFileSync(file, 'utf8'));
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

if (want('static')) {
  // The whole tree, then the widget with DOM types only and the server with Node types only.
  await run('typecheck', 'npm', ['run', 'typecheck', '--silent']);
  await run('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
  await run('embedding docs are current', 'node', ['scripts/embed-docs.mjs', '--check']);
}
// Only the builds and the end-to-end tests need dist/; unit and server tests run from the sources
// (the size test builds into a folder of its own).
if (want('build') || want('e2e')) {
  await run('build', 'npm', ['run', 'build', '--silent']);
}
if (want('unit')) {
  const file = join(tmp, 'vitest.json');
  await run('unit+server', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], { env });
  readVitest('unit+server', file);
}
/** Counts of a web-test-runner run from its last summary line, or null. */
function wtrCounts(out) {
  const match = [...out.matchAll(/(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/g)].at(-1);
  return match ? [match[1], match[2], match[3] ?? '0'].map(Number) : null;
}

if (want('elements') && engines.length) {
  // One web-test-runner per engine, side by side: each engine's own counts and time, and about
  // half the wall time of one after the other on two cores.
  const runs = await Promise.all(
    engines.map((engine) =>
      run(`elements (${engine})`, 'npx', ['wtr', '--config', 'web-test-runner.config.mjs'], { env: { ...env, TEST_ENGINES: engine }, quiet: true }).then((r) => ({ engine, ...r })),
    ),
  );
  for (const { engine, out, took } of runs) {
    const counts = wtrCounts(out);
    if (counts) {
      const [passed, failed, skipped] = counts;
      totals.passed += passed;
      totals.failed += failed;
      report.push(`elements ${engine}: ${passed} passed, ${failed} failed, ${skipped} skipped (not counted as passed) in ${took} s`);
    } else {
      totals.failed += 1;
      report.push(`elements ${engine}: no summary line found (counted as 1 failed) after ${took} s`);
    }
  }
}
// A test that judges a fixed fixture date by the real clock passes until that date passes. Run the
// unit and element tests once with the wall clock a year ahead (test/clock/clock-ahead.js): such a
// test fails today. Chromium only: the clock is the tests' JavaScript, not the engine's.
if (want('clock')) {
  const ahead = { TEST_CLOCK_AHEAD_DAYS: '365' };
  const file = join(tmp, 'vitest-ahead.json');
  await run('unit, clock a year ahead', 'npx', ['vitest', 'run', 'test/unit', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], { env: { ...env, ...ahead }, quiet: true });
  const unit = readVitest('unit, clock a year ahead', file);
  if (unit) report.push(`unit, clock a year ahead: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed`);
  if (engines.includes('chromium')) {
    const { out, took } = await run('elements, clock a year ahead (chromium)', 'npx', ['wtr', '--config', 'web-test-runner.config.mjs'], {
      env: { ...env, ...ahead, TEST_ENGINES: 'chromium' },
      quiet: true,
    });
    const counts = wtrCounts(out);
    if (counts) {
      totals.passed += counts[0];
      totals.failed += counts[1];
      report.push(`elements chromium, clock a year ahead: ${counts[0]} passed, ${counts[1]} failed, ${counts[2]} skipped in ${took} s`);
    } else {
      totals.failed += 1;
      report.push(`elements chromium, clock a year ahead: no summary line found (counted as 1 failed)`);
    }
  }
}
if (want('e2e')) {
  const file = join(tmp, 'e2e.json');
  const { took } = await run('e2e', 'npx', ['vitest', 'run', '-c', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], {
    env: { ...env, TEST_ENGINES: engines.join(',') },
  });
  const result = readVitest('e2e', file);
  if (result) {
    // Each engine's end-to-end tests say which engine in their name: "… [firefox] …".
    const byEngine = new Map();
    for (const test of result.testResults.flatMap((f) => f.assertionResults)) {
      const engine = ENGINES.find((e) => test.fullName.includes(`[${e}]`)) ?? 'chromium-only files and builds';
      const counts = byEngine.get(engine) ?? { passed: 0, failed: 0, skipped: 0 };
      counts[test.status === 'passed' ? 'passed' : test.status === 'failed' ? 'failed' : 'skipped'] += 1;
      byEngine.set(engine, counts);
    }
    for (const [engine, c] of byEngine) report.push(`e2e ${engine}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
    report.push(`e2e: all engines in ${took} s`);
  }
}

rmSync(tmp, { recursive: true, force: true });
if (report.length) console.log(`\nBy engine:\n  ${report.join('\n  ')}`);
if (failures.length) console.log(`\nFailed steps: ${failures.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(failures.length || totals.failed ? 1 : 0);
