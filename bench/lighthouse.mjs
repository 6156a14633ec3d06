#!/usr/bin/env node
// Lighthouse (mobile, 360 px wide) on the demo page the built server serves: performance score,
// cumulative layout shift and the paint metrics, median of a few runs. Figures are printed, never
// asserted (bench/README.md). Lighthouse drives the system's Chromium (CHROME_PATH, else
// /usr/bin/chromium); nothing is downloaded. Each run is a cold Chromium profile.
//
//   npm run build:widget && npm run build:server && npm run bench:lighthouse [-- --runs 3] [--json]
//   node bench/lighthouse.mjs --url http://127.0.0.1:8080/   # an already running server
//
// The goal for the demo page: CLS ≤ 0.02 (issue 11); "good" by Web Vitals is ≤ 0.1.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import { findChromium, HOW_TO_GET_CHROMIUM } from '../scripts/find-chromium.mjs';
import { cli } from './server-helpers.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    url: { type: 'string' },
    json: { type: 'boolean' },
    width: { type: 'string', default: '360' },
  },
});
const RUNS = Math.max(1, Number(values.runs));
const WIDTH = Number(values.width);
export const CLS_GOAL = 0.02;

/** `serve --demo` from dist/server as a child process; resolves with its URL once it listens. */
function startDemo() {
  if (!existsSync(cli)) throw new Error('dist/server/cli.js is missing: run `npm run build:server` (and `npm run build:widget`) first');
  const dataDir = mkdtempSync(join(tmpdir(), 'iess-lighthouse-'));
  return new Promise((resolve, reject) => {
    const env = { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SMTP_URL: '', REDIS_URL: '', DATABASE_URL: '' };
    const child = spawn(process.execPath, [cli, 'serve', '--demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let done = false;
    const collect = (chunk) => {
      out += chunk;
      const m = /iess-clave listening on (http:\/\/[\d.:]+)/.exec(out);
      if (m && !done) {
        done = true;
        resolve({
          url: `${m[1]}/`,
          stop: () =>
            new Promise((r) => {
              child.once('exit', () => (rmSync(dataDir, { recursive: true, force: true }), r()));
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => {
      if (!done) reject(new Error(`serve --demo exited ${code}:\n${out}`));
    });
  });
}

/** Headless Chromium with a fresh profile and a DevTools port of its own; resolves once it listens. */
function launchChromium(chromePath) {
  const profile = mkdtempSync(join(tmpdir(), 'iess-lighthouse-profile-'));
  const args = [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--no-default-browser-check',
    '--remote-debugging-port=0',
    `--user-data-dir=${profile}`,
    'about:blank',
  ];
  const child = spawn(chromePath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += chunk;
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) {
        resolve({
          port: Number(m[1]),
          kill: () =>
            new Promise((r) => {
              child.once('exit', () => (rmSync(profile, { recursive: true, force: true }), r()));
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`Chromium exited ${code}: ${err}`)));
  });
}

/** One Lighthouse run in a fresh Chromium: the mobile preset (4× CPU, slow 4G) at WIDTH px. */
async function measure(url, chromePath) {
  const chrome = await launchChromium(chromePath);
  try {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] },
      {
        extends: 'lighthouse:default',
        settings: {
          formFactor: 'mobile',
          screenEmulation: { mobile: true, width: WIDTH, height: 780, deviceScaleFactor: 3, disabled: false },
        },
      },
    );
    const lhr = result.lhr;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const num = (id) => lhr.audits[id]?.numericValue ?? NaN;
    const shifts = lhr.audits['layout-shifts']?.details?.items ?? [];
    return {
      performance: Math.round((lhr.categories.performance.score ?? NaN) * 100),
      cls: num('cumulative-layout-shift'),
      fcpMs: num('first-contentful-paint'),
      lcpMs: num('largest-contentful-paint'),
      tbtMs: num('total-blocking-time'),
      shifts: shifts.map((s) => ({ score: s.score, node: s.node?.snippet?.slice(0, 80) })),
      lighthouse: lhr.lighthouseVersion,
      chromium: lhr.environment?.hostUserAgent?.match(/Chrome\/[\d.]+/)?.[0],
    };
  } finally {
    await chrome.kill();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const chromePath = findChromium();
if (!chromePath) {
  console.error(HOW_TO_GET_CHROMIUM);
  process.exit(1);
}
const server = values.url ? null : await startDemo();
const url = values.url ?? server.url;
const runs = [];
try {
  for (let i = 0; i < RUNS; i++) runs.push(await measure(url, chromePath));
} finally {
  await server?.stop();
}
const summary = {
  url,
  width: WIDTH,
  runs: runs.length,
  performance: median(runs.map((r) => r.performance)),
  cls: median(runs.map((r) => r.cls)),
  clsMax: Math.max(...runs.map((r) => r.cls)),
  fcpMs: Math.round(median(runs.map((r) => r.fcpMs))),
  lcpMs: Math.round(median(runs.map((r) => r.lcpMs))),
  tbtMs: Math.round(median(runs.map((r) => r.tbtMs))),
  lighthouse: runs[0].lighthouse,
  chromium: runs[0].chromium,
  shifts: runs.at(-1).shifts,
};
if (values.json) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  console.log(
    `Lighthouse ${summary.lighthouse} (${summary.chromium}), mobile preset at ${WIDTH} px, ${url}, median of ${summary.runs} run(s):`,
  );
  console.log(`  performance score  ${summary.performance}`);
  console.log(
    `  CLS                ${summary.cls.toFixed(3)} (worst run ${summary.clsMax.toFixed(3)}; goal ≤ ${CLS_GOAL}, ${summary.cls <= CLS_GOAL ? 'met' : 'NOT met'})`,
  );
  console.log(`  FCP ${summary.fcpMs} ms · LCP ${summary.lcpMs} ms · TBT ${summary.tbtMs} ms (simulated slow 4G, 4× CPU)`);
  for (const s of summary.shifts) console.log(`  shift ${s.score.toFixed(3)}  ${s.node ?? ''}`);
}
