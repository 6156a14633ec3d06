#!/usr/bin/env node
// Render time of the built widget in headless Chromium (playwright-core), with the protocol the
// peers below were measured with, so the figures sit beside theirs: a cold
// browser context per run, CDP CPU throttling applied before navigation, pages round-robin,
// 1 discarded warm-up, median (p25–p75). Everything stays on 127.0.0.1: a small server here
// serves dist/widget/, the pages, and canned GET /v1/config and /v1/captcha/challenge answers
// so the first step can become usable. Figures are printed, never asserted.
//
//   npm run build:widget && node bench/render.mjs [--runs 7] [--rate 4] [--json]
//
// "widget painted" = the first animation frame in which the identification input (inside the
// shadow roots) has layout and is enabled, then a setTimeout(0) from that frame (§2's definition).
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium, HOW_TO_GET_CHROMIUM } from '../scripts/find-chromium.mjs';

const DIST = fileURLToPath(new URL('../dist/widget/', import.meta.url));
const ENTRY = 'iess-recuperar-clave.js';

/** The peers' "widget painted" median at 4× CPU (ms), measured with this protocol on the same machine kind. */
export const ANCHORS_4X = [
  { name: 'blank page (harness floor)', painted: 427, fcp: 388 },
  { name: 'Lit 3.3.3 minimal element', painted: 688, fcp: 536 },
  { name: 'sizing prototype (Lit wizard)', painted: 752, fcp: 684 },
  { name: 'FirebaseUI 6.1.0 + compat', painted: 1180, fcp: 1180 },
  { name: 'SuperTokens auth-react 0.51.3', painted: 1754, fcp: 1724 },
  { name: 'Ory elements-react 1.2.1', painted: 3012, fcp: 2928 },
  { name: 'Auth0 Lock 14.3.0', painted: 3224, fcp: 2660 },
  { name: 'Okta widget 7.49.0', painted: 3736, fcp: 3664 },
];

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

const PAGES = {
  blank: `<!doctype html><html lang="es"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>blank</title>
<script>window.__ready = () => document.querySelector('#x');</script></head><body>
<p id="x" style="font:16px system-ui;padding:16px;border:1px solid #ccc;max-width:360px">Hola (no JavaScript besides the harness)</p>
</body></html>`,
  widget: `<!doctype html><html lang="es"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>iess-clave</title>
<script>
window.__ready = () => {
  // The identification input, wherever it sits in the shadow trees, once it can be typed into.
  const find = (root) => {
    const hit = root.querySelector('#id-number');
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { const f = find(el.shadowRoot); if (f) return f; }
    return null;
  };
  const input = find(document);
  return input && !input.disabled ? input : null;
};
</script></head><body>
<iess-recuperar-clave api-base="__ORIGIN__"></iess-recuperar-clave>
<script type="module" src="/widget/${ENTRY}"></script>
</body></html>`,
};

function apiAnswer(path) {
  const now = new Date().toISOString();
  if (path === '/v1/config') {
    return {
      now,
      apiVersion: 'v1',
      policy: { minLength: 12, maxLength: 128, blocklist: true, contextWords: true },
      limits: {
        maxAttempts: 5,
        lockMinutes: 120,
        linkLifetimeSeconds: 180,
        resendCooldownSeconds: 60,
        maxResends: 3,
        minSecurityQuestions: 3,
        flowLifetimeSeconds: 900,
      },
      captcha: { provider: 'altcha' },
      declaration: { version: '2026-01', text: 'Declaro que toda la información registrada es fidedigna.' },
    };
  }
  if (path === '/v1/captcha/challenge') {
    return {
      now,
      challenge: {
        algorithm: 'SHA-256',
        challenge: '9452c306162e3d0e0f15f39a56bc26dbf756c2ac2f3f17d53e64f92c69a3d55c',
        salt: '9f3c2a1b7e6d5c4b',
        signature: 'bench-signature',
        maxnumber: 50000,
      },
    };
  }
  return undefined;
}

function startServer() {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const page = path === '/' ? 'widget' : path.replace(/^\/|\.html$/g, '');
    if (PAGES[page]) {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
      // api-base must be an absolute URL (the widget's config check); here it is this server.
      return res.end(PAGES[page].replace('__ORIGIN__', `http://${req.headers.host}`));
    }
    const api = apiAnswer(path);
    if (api) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return res.end(JSON.stringify(api));
    }
    if (path.startsWith('/widget/')) {
      const file = resolve(DIST, path.slice('/widget/'.length));
      if (file.startsWith(resolve(DIST) + sep) && existsSync(file) && statSync(file).isFile()) {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        return res.end(readFileSync(file));
      }
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{}');
  });
  return new Promise((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen(server)));
}

// Injected before any page script (same as the anchors' harness).
const RECORDER = () => {
  const r = (window.__perf = { tbt: 0 });
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) r.tbt += Math.max(0, e.duration - 50);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') r.fcp = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch {}
  const poll = () => {
    let el = null;
    try {
      el = window.__ready && window.__ready();
    } catch {}
    if (el && el.getBoundingClientRect().height > 0) {
      setTimeout(() => (r.widgetPainted = performance.now()), 0);
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
};

async function measure(browser, url, rate) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e).slice(0, 200)));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    requests++;
  });
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.addInitScript(RECORDER);
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  let ok = true;
  try {
    await page.waitForFunction(() => window.__perf && window.__perf.widgetPainted, null, { timeout: 60_000, polling: 200 });
  } catch {
    ok = false;
  }
  await page.waitForTimeout(1500); // late tasks (lazy chunks, timers) settle, as in the anchors
  const perf = await page.evaluate(() => ({ ...window.__perf }));
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  await context.close();
  return { ok, ...perf, scriptMs: m.ScriptDuration * 1000, heapMB: m.JSHeapUsedSize / 2 ** 20, bytes, requests, errors };
}

const quantile = (values, p) => values[Math.min(values.length - 1, Math.round(p * (values.length - 1)))];
export function summarize(runs, key) {
  const v = runs.map((r) => r[key]).filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return v.length ? { med: quantile(v, 0.5), p25: quantile(v, 0.25), p75: quantile(v, 0.75) } : undefined;
}

function parseArgs(argv) {
  const args = { runs: 7, rate: 4, json: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') args.runs = Number(argv[++i]);
    else if (argv[i] === '--rate') args.rate = Number(argv[++i]);
    else if (argv[i] === '--json') args.json = true;
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(DIST, ENTRY))) {
    console.error(`bench/render.mjs: ${join(DIST, ENTRY)} is missing: build the widget first (npm run build:widget)`);
    process.exit(1);
  }
  const executablePath = findChromium();
  if (!executablePath) {
    console.error(HOW_TO_GET_CHROMIUM);
    process.exit(1);
  }
  const server = await startServer();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  const results = { blank: [], widget: [] };
  try {
    for (let i = 0; i <= args.runs; i++) {
      for (const name of Object.keys(results)) {
        const run = await measure(browser, `${base}/${name}.html`, args.rate);
        if (i > 0) results[name].push(run); // run 0 warms up and is discarded
      }
    }
  } finally {
    await browser.close();
    server.close();
  }

  const summary = Object.fromEntries(
    Object.entries(results).map(([name, runs]) => [
      name,
      {
        ok: `${runs.filter((r) => r.ok).length}/${runs.length}`,
        fcp: summarize(runs, 'fcp'),
        widgetPainted: summarize(runs, 'widgetPainted'),
        scriptMs: summarize(runs, 'scriptMs'),
        tbt: summarize(runs, 'tbt'),
        heapMB: summarize(runs, 'heapMB'),
        bytes: summarize(runs, 'bytes'),
        requests: summarize(runs, 'requests'),
        errors: [...new Set(runs.flatMap((r) => r.errors))].slice(0, 3),
      },
    ]),
  );
  if (args.json) {
    console.log(JSON.stringify({ rate: args.rate, runs: args.runs, summary }, null, 2));
    return;
  }
  const f = (s) => (s ? `${Math.round(s.med)} (${Math.round(s.p25)}–${Math.round(s.p75)})` : 'n/a');
  console.log(`Headless Chromium, CPU throttled ${args.rate}×, ${args.runs} runs after 1 warm-up, median (p25–p75), ms`);
  console.log('');
  for (const [name, s] of Object.entries(summary)) {
    console.log(
      `${name.padEnd(8)} ok ${s.ok}  FCP ${f(s.fcp)}  first step usable ${f(s.widgetPainted)}  script ${f(s.scriptMs)}  TBT ${f(s.tbt)}  heap ${s.heapMB ? s.heapMB.med.toFixed(2) : 'n/a'} MB  loaded ${s.bytes ? (s.bytes.med / 1000).toFixed(1) : 'n/a'} kB (${s.requests ? s.requests.med : 'n/a'} requests)`,
    );
    if (s.errors.length > 0) console.log(`         page errors: ${s.errors.join(' | ')}`);
  }
  const ours = summary.widget.widgetPainted?.med;
  const floor = summary.blank.widgetPainted?.med;
  if (ours !== undefined && floor !== undefined) {
    console.log('');
    console.log(`iess-clave: first step usable ${Math.round(ours)} ms, ${Math.round(ours - floor)} ms above this run's blank page (${Math.round(floor)} ms).`);
    console.log('Beside the peers ("widget painted", 4×, same machine kind; compare above-blank, not absolute):');
    const anchorFloor = ANCHORS_4X[0].painted;
    for (const a of ANCHORS_4X) {
      console.log(`  ${a.name.padEnd(32)} ${String(a.painted).padStart(5)} ms  (+${a.painted - anchorFloor} above blank)`);
    }
    console.log(`  ${'iess-clave (this build)'.padEnd(32)} ${String(Math.round(ours)).padStart(5)} ms  (+${Math.round(ours - floor)} above blank)`);
    if (args.rate !== 4) console.log(`  (this run used ${args.rate}×, the anchors 4×: not comparable)`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
