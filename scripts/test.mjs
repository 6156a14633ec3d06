#!/usr/bin/env node
/**
 * `npm test`: every check, in order, each run even when an earlier one failed, then one closing
 * line `N passed, N failed` summing every test runner (CI reads it). Exit code non-zero when any
 * step failed. Steps: Chromium present, typecheck, lint, builds, vitest (unit + server),
 * web-test-runner (elements in Chromium), vitest e2e (Playwright + real server + SMTP).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, HOW_TO_GET_CHROMIUM } from './find-chromium.mjs';

const only = process.argv.slice(2); // e.g. `npm test -- unit elements`
const want = (name) => only.length === 0 || only.includes(name);
const tmp = mkdtempSync(join(tmpdir(), 'iess-test-'));
const totals = { passed: 0, failed: 0 };
const failures = [];

function run(name, cmd, args, { env = {}, capture = false } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
    const child = spawn(cmd, args, {
      stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'],
      env: { ...process.env, ...env },
    });
    let out = '';
    if (capture) {
      child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
      child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    }
    child.on('close', (code) => {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`◀ ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${secs} s`);
      if (code !== 0) failures.push(name);
      resolve({ code, out });
    });
  });
}

/** Vitest's JSON report gives exact counts; a crash before any report counts as one failure. */
function countVitest(name, file) {
  if (!existsSync(file)) {
    console.log(`${name}: no report written`);
    totals.failed += 1;
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  if (report.numPendingTests || report.numTodoTests) {
    console.log(`${name}: ${report.numPendingTests + report.numTodoTests} skipped/todo test(s) — not counted as passed`);
  }
  if (report.numTotalTests === 0) {
    console.log(`${name}: ran no test`);
    totals.failed += 1;
  }
}

const chromium = findChromium();
if (!chromium) {
  console.error(HOW_TO_GET_CHROMIUM);
  process.exit(1);
}
const env = { CHROME_PATH: chromium };

if (want('static')) {
  await run('typecheck', 'npx', ['tsc', '-p', '.']);
  await run('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
  await run('embedding docs are current', 'node', ['scripts/embed-docs.mjs', '--check']);
}
if (want('build') || want('e2e') || want('unit')) {
  await run('build', 'npm', ['run', 'build', '--silent']);
}
if (want('unit')) {
  const file = join(tmp, 'vitest.json');
  await run('unit+server', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], { env });
  countVitest('unit+server', file);
}
if (want('elements')) {
  const { out } = await run('elements', 'npx', ['wtr', '--config', 'web-test-runner.config.mjs'], { env, capture: true });
  const match = [...out.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  if (match) {
    totals.passed += Number(match[1]);
    totals.failed += Number(match[2]);
  } else {
    console.log('elements: no summary line found');
    totals.failed += 1;
  }
}
if (want('e2e')) {
  const file = join(tmp, 'e2e.json');
  await run('e2e', 'npx', ['vitest', 'run', '-c', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], { env });
  countVitest('e2e', file);
}

rmSync(tmp, { recursive: true, force: true });
if (failures.length) console.log(`\nFailed steps: ${failures.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(failures.length || totals.failed ? 1 : 0);
