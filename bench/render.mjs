#!/usr/bin/env node
// Time until the first step is usable, in headless Chromium (playwright-core), compared IN ONE RUN
// against baselines loaded the same way: a blank page (the harness floor), a bare Lit element with
// one input (the floor of any Lit widget), the widget as built, optionally another build of it
// (--baseline <dir>, e.g. the previous release) and a peer when one sits in the run's cache
// (node_modules/.cache/iess-clave-bench/peer/index.html, or --peer <dir>: a page that sets
// window.__ready). A cold browser context per load, CDP CPU throttling before navigation, pages
// round-robin, 1 discarded warm-up, median (p25–p75) and ratios to the bare Lit element measured
// in the same run (the machine's load moves absolute figures, much less the ratios). Files are
// served as the reference backend serves them: the build's .br/.gz by Accept-Encoding. Figures
// are printed, never asserted.
//
//   npm run build:widget && node bench/render.mjs [--runs 15] [--rate 4] [--latency 0] [--widget dir] [--baseline dir] [--peer dir] [--json]
//
// "usable" = the first animation frame in which the step's input has layout and is enabled, then a
// setTimeout(0) from that frame. Each page names its input directly (the widget: through its two
// shadow roots), so the check costs the same small constant on every page — it does not walk the
// page's shadow trees every frame. "step-1 bytes" = bytes on the wire (compressed, headers
// included) of the requests finished before that moment; "script" = V8 script time of the load.
// --hold-later answers what the first step must not wait for (the build's files outside its
// entry's static imports, GET /v1/config) 3 s late: then "usable" and "step-1 bytes" are the first
// step's own, and a first step that waited for any of it would show up 3 s late.
// "preload" is the widget's page with a <link rel="modulepreload"> for each chunk the entry imports
// statically, as the reference backend's demo page has them (docs/embedding.md §2): those chunks
// leave with the entry instead of after it has arrived and been parsed.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { findChromium, HOW_TO_GET_CHROMIUM } from '../scripts/find-chromium.mjs';
import { measureWidgetSize } from './size.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'dist/widget/');
const PEER_CACHE = join(ROOT, 'node_modules/.cache/iess-clave-bench/peer/');
const ENTRY = 'iess-recuperar-clave.js';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

const readyScript = (find) => `<script>window.__ready = () => { const el = ${find}; return el && !el.disabled ? el : null; };</script>`;

const PAGES = {
  blank: `<!doctype html><html lang="es"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>blank</title>
${readyScript("document.getElementById('x')")}</head><body>
<p id="x" style="font:16px system-ui;padding:16px;border:1px solid #ccc;max-width:360px">Hola (no JavaScript besides the harness)</p>
</body></html>`,
  lit: `<!doctype html><html lang="es"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bare Lit element</title>
${readyScript("document.querySelector('bare-step')?.shadowRoot?.getElementById('id-number')")}</head><body>
<bare-step></bare-step>
<script type="module" src="/lit-element.js"></script>
</body></html>`,
  widget: (
    prefix,
    preload = [],
  ) => `<!doctype html><html lang="es"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>iess-clave</title>
${preload.map((f) => `<link rel="modulepreload" href="${prefix}${f}">`).join('')}
${readyScript("document.querySelector('iess-recuperar-clave')?.shadowRoot?.querySelector('iess-paso-identificacion')?.shadowRoot?.getElementById('id-number')")}</head><body>
<iess-recuperar-clave api-base="__ORIGIN__"></iess-recuperar-clave>
<script type="module" src="${prefix}${ENTRY}"></script>
</body></html>`,
};

/** The bare Lit element: one shadow root with a label and an input, Lit's production build, minified. */
async function bareLitElement() {
  const contents = `import { LitElement, html, css } from 'lit';
class BareStep extends LitElement {
  static styles = css\`:host{display:block;font:16px system-ui;max-width:360px}input{display:block;font:inherit}\`;
  render() { return html\`<label for="id-number">Número de cédula</label><input id="id-number" inputmode="numeric">\`; }
}
customElements.define('bare-step', BareStep);`;
  const out = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    target: 'es2022',
    conditions: ['production'],
  });
  return out.outputFiles[0].contents;
}

function apiAnswer(path) {
  const now = new Date().toISOString();
  if (path === '/v1/config') {
    return {
      now,
      apiVersion: 'v1',
      policy: { minLength: 12, maxLength: 128, minScore: 3, contextWords: true },
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

/** A built file, compressed as the reference backend sends it (server/routes/widget-files.ts): the build's .br or .gz by Accept-Encoding. */
function sendFile(req, res, file) {
  const accepts = String(req.headers['accept-encoding'] ?? '');
  const headers = {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
    vary: 'Accept-Encoding',
  };
  for (const [coding, suffix] of [
    ['br', '.br'],
    ['gzip', '.gz'],
  ]) {
    if (accepts.includes(coding) && existsSync(file + suffix)) {
      res.writeHead(200, { ...headers, 'content-encoding': coding });
      return res.end(readFileSync(file + suffix));
    }
  }
  res.writeHead(200, headers);
  res.end(readFileSync(file));
}

/** Serves each page of `pages` at /<name>.html, the widget builds under their prefixes, the bare Lit element and canned API answers. */
/** --hold-later: how long the requests a first step must not wait for are held back. */
const HOLD_MS = 3000;

/**
 * `held(path)`, when given, says whether a request is one the first step must not wait for (a
 * build's file outside its entry's static imports, or GET /v1/config): it is answered HOLD_MS late.
 */
function startServer({ pages, builds, litCode, peerDir, held }) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (held?.(path)) await new Promise((r) => setTimeout(r, HOLD_MS));
    const page = pages[path.replace(/^\/|\.html$/g, '')];
    if (page) {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
      // api-base must be an absolute URL (the widget's config check); here it is this server.
      return res.end(page.replace('__ORIGIN__', `http://${req.headers.host}`));
    }
    if (path === '/lit-element.js') {
      res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' });
      return res.end(litCode);
    }
    const api = apiAnswer(path);
    if (api) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return res.end(JSON.stringify(api));
    }
    for (const [prefix, dir] of [...Object.entries(builds), ...(peerDir ? [['/peer/', peerDir]] : [])]) {
      if (!path.startsWith(prefix)) continue;
      const file = resolve(dir, path.slice(prefix.length) || 'index.html');
      if (file.startsWith(resolve(dir) + sep) && existsSync(file) && statSync(file).isFile()) return sendFile(req, res, file);
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

async function measure(browser, url, rate, latency) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e).slice(0, 200)));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  /** Each finished request: when (the page's performance.now() clock, via the timestamps' offset) and its bytes on the wire. */
  const finished = [];
  let navigationStart;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (navigationStart === undefined && e.type === 'Document') navigationStart = e.timestamp;
  });
  cdp.on('Network.loadingFinished', (e) => finished.push({ at: e.timestamp, bytes: e.encodedDataLength }));
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  // --latency: every request waits that long for its answer (Lighthouse's mobile run assumes 150 ms).
  if (latency > 0)
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
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
  // Bytes on the wire until the input was usable (CDP timestamps are seconds since an arbitrary
  // origin; navigation ≈ the document request). The chunks a page asks for right after its first
  // paint arrive from this local server before the frame that records "usable", so they count
  // here; --hold-later holds them back and gives exactly what the first step waits for.
  const until = navigationStart !== undefined && perf.widgetPainted !== undefined ? navigationStart + perf.widgetPainted / 1000 : Infinity;
  const before = finished.filter((f) => f.at <= until);
  const sum = (list) => list.reduce((t, f) => t + f.bytes, 0);
  return {
    ok,
    ...perf,
    scriptMs: m.ScriptDuration * 1000,
    heapMB: m.JSHeapUsedSize / 2 ** 20,
    bytes: sum(finished),
    requests: finished.length,
    step1Bytes: sum(before),
    step1Requests: before.length,
    errors,
  };
}

const quantile = (values, p) => values[Math.min(values.length - 1, Math.round(p * (values.length - 1)))];
export function summarize(runs, key) {
  const v = runs
    .map((r) => r[key])
    .filter((x) => typeof x === 'number')
    .sort((a, b) => a - b);
  return v.length ? { med: quantile(v, 0.5), p25: quantile(v, 0.25), p75: quantile(v, 0.75) } : undefined;
}

function parseArgs(argv) {
  const args = { runs: 15, rate: 4, latency: 0, json: false, widget: DIST, baseline: undefined, peer: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') args.runs = Number(argv[++i]);
    else if (argv[i] === '--rate') args.rate = Number(argv[++i]);
    else if (argv[i] === '--latency') args.latency = Number(argv[++i]);
    else if (argv[i] === '--widget') args.widget = resolve(argv[++i]);
    else if (argv[i] === '--baseline') args.baseline = resolve(argv[++i]);
    else if (argv[i] === '--peer') args.peer = resolve(argv[++i]);
    else if (argv[i] === '--json') args.json = true;
    else if (argv[i] === '--hold-later') args.holdLater = true;
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  for (const dir of [args.widget, ...(args.baseline ? [args.baseline] : [])]) {
    if (!existsSync(join(dir, ENTRY))) {
      console.error(`bench/render.mjs: ${join(dir, ENTRY)} is missing: build the widget first (npm run build:widget)`);
      process.exit(1);
    }
  }
  const executablePath = findChromium();
  if (!executablePath) {
    console.error(HOW_TO_GET_CHROMIUM);
    process.exit(1);
  }
  const peerDir = args.peer ?? (existsSync(join(PEER_CACHE, 'index.html')) ? PEER_CACHE : undefined);
  // What each build's first step waits for: its entry and the entry's static imports.
  const firstLoadOf = (dir) => measureWidgetSize(dir, { entry: ENTRY }).entries[0].files;
  const pages = {
    blank: PAGES.blank,
    lit: PAGES.lit,
    widget: PAGES.widget('/widget/'),
    preload: PAGES.widget(
      '/widget/',
      firstLoadOf(args.widget).filter((f) => f !== ENTRY),
    ),
  };
  const builds = { '/widget/': args.widget };
  if (args.baseline) {
    pages.baseline = PAGES.widget('/baseline/');
    builds['/baseline/'] = args.baseline;
  }
  // --hold-later holds back everything else.
  const firstLoad = new Set(Object.entries(builds).flatMap(([prefix, dir]) => firstLoadOf(dir).map((f) => prefix + f)));
  const held = args.holdLater
    ? (path) => path === '/v1/config' || (Object.keys(builds).some((prefix) => path.startsWith(prefix)) && !firstLoad.has(path))
    : undefined;
  const server = await startServer({ pages, builds, litCode: await bareLitElement(), peerDir, held });
  const base = `http://127.0.0.1:${server.address().port}`;
  const urls = Object.fromEntries(Object.keys(pages).map((name) => [name, `${base}/${name}.html`]));
  if (peerDir) urls.peer = `${base}/peer/`;
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const results = Object.fromEntries(Object.keys(urls).map((name) => [name, []]));
  try {
    for (let i = 0; i <= args.runs; i++) {
      for (const [name, url] of Object.entries(urls)) {
        const run = await measure(browser, url, args.rate, args.latency);
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
        usable: summarize(runs, 'widgetPainted'),
        scriptMs: summarize(runs, 'scriptMs'),
        tbt: summarize(runs, 'tbt'),
        heapMB: summarize(runs, 'heapMB'),
        step1Bytes: summarize(runs, 'step1Bytes'),
        step1Requests: summarize(runs, 'step1Requests'),
        bytes: summarize(runs, 'bytes'),
        requests: summarize(runs, 'requests'),
        errors: [...new Set(runs.flatMap((r) => r.errors))].slice(0, 3),
      },
    ]),
  );
  const lit = summary.lit.usable?.med;
  const blank = summary.blank.usable?.med;
  for (const s of Object.values(summary)) {
    s.vsLit = s.usable && lit ? s.usable.med / lit : undefined;
    s.vsBlank = s.usable && blank ? s.usable.med / blank : undefined;
  }
  if (args.json) {
    console.log(JSON.stringify({ rate: args.rate, runs: args.runs, summary }, null, 2));
    return;
  }
  const f = (s) => (s ? `${Math.round(s.med)} (${Math.round(s.p25)}–${Math.round(s.p75)})` : 'n/a');
  const r = (x) => (x === undefined ? 'n/a' : `${x.toFixed(2)}×`);
  console.log(
    `Headless Chromium, CPU throttled ${args.rate}×${args.latency > 0 ? `, ${args.latency} ms of latency per request` : ''}, ${args.runs} loads per page after 1 warm-up, interleaved; median (p25–p75), ms`,
  );
  console.log('');
  console.log(
    `${'page'.padEnd(9)}${'ok'.padStart(6)}  ${'usable'.padEnd(18)}${'vs Lit'.padStart(7)}${'vs blank'.padStart(9)}  ${'FCP'.padEnd(16)}${'script'.padEnd(16)}${'TBT'.padEnd(10)}${'step-1 bytes'.padStart(13)}  all bytes`,
  );
  for (const [name, s] of Object.entries(summary)) {
    const kb = (b) => (b ? `${(b.med / 1000).toFixed(1)} kB` : 'n/a');
    console.log(
      `${name.padEnd(9)}${s.ok.padStart(6)}  ${f(s.usable).padEnd(18)}${r(s.vsLit).padStart(7)}${r(s.vsBlank).padStart(9)}  ${f(s.fcp).padEnd(16)}${f(s.scriptMs).padEnd(16)}${f(s.tbt).padEnd(10)}${`${kb(s.step1Bytes)} (${s.step1Requests?.med ?? 'n/a'})`.padStart(13)}  ${kb(s.bytes)} (${s.requests?.med ?? 'n/a'})`,
    );
    if (s.errors.length > 0) console.log(`         page errors: ${s.errors.join(' | ')}`);
  }
  console.log('');
  console.log(
    `usable: the step's input typeable; vs Lit / vs blank: median ÷ that page's median in this run; step-1 bytes: on the wire before usable (requests); preload: the widget with a modulepreload link per chunk its entry imports (the demo page's way)${args.holdLater ? '; --hold-later: what the first step must not wait for answered 3 s late' : ''}.`,
  );
  if (summary.baseline?.usable && summary.widget.usable) {
    console.log(
      `This build vs --baseline: usable ${r(summary.widget.usable.med / summary.baseline.usable.med)}, script ${r(summary.widget.scriptMs.med / summary.baseline.scriptMs.med)}, step-1 bytes ${r(summary.widget.step1Bytes.med / summary.baseline.step1Bytes.med)}.`,
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
