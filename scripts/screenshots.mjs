#!/usr/bin/env node
// Screenshots of every step and state at 360 px and 1280 px, in one browser engine: Chromium
// (the default) into docs/screenshots/, Firefox into docs/screenshots/firefox/, WebKit into
// docs/screenshots/webkit/. The engines are driven by the end-to-end drivers (test/e2e/drivers/:
// Playwright for Chromium, puppeteer-core over WebDriver BiDi for Firefox ESR, webdriverio and
// WebKitWebDriver on Xvfb for WebKitGTK), bundled here with esbuild. The gallery page
// (scripts/screenshots/gallery.ts) is bundled with esbuild and served from 127.0.0.1 on a free
// port. Usage:
//   node scripts/screenshots.mjs [--engine chromium|firefox|webkit] [--lang en] [--only nueva-clave]
import { build } from 'esbuild';
import { mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ENGINES, findEngine, HOW_TO_GET } from './find-browsers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const lang = arg('lang') ?? 'es';
const only = arg('only');
const engine = arg('engine') ?? 'chromium';
if (!ENGINES.includes(engine)) {
  console.error(`--engine must be one of ${ENGINES.join(', ')}, not ${engine}`);
  process.exit(1);
}
const outDir = fileURLToPath(new URL(`../docs/screenshots/${engine === 'chromium' ? '' : `${engine}/`}`, import.meta.url));

const VIEWS = [
  'identificacion',
  'identificacion:errors',
  'verificacion',
  'verificacion:errors',
  'verificacion-ultimo-intento',
  'confirmacion',
  'preguntas',
  'preguntas:errors',
  'correo-registrado',
  'correo-nuevo',
  'correo-nuevo:errors',
  'correo-enviado',
  'nueva-clave',
  'nueva-clave:errors',
  'nueva-clave:hostile',
  'final',
  'bloqueo',
  'expirado',
  'error',
];
const WIDTHS = [360, 1280];

if (!findEngine(engine)) {
  console.error(HOW_TO_GET[engine]);
  process.exit(1);
}

const bundle = await build({
  entryPoints: [fileURLToPath(new URL('./screenshots/gallery.ts', import.meta.url))],
  bundle: true,
  format: 'esm',
  target: 'es2022', // lowers the standard decorators
  write: false,
  absWorkingDir: root,
  logLevel: 'error',
});
const js = bundle.outputFiles[0].text;
const page = (title) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{margin:0;padding:16px;background:#fff;font-family:system-ui,sans-serif}main{max-width:40rem;margin:0 auto}</style>
</head><body><main></main><script type="module" src="/gallery.js"></script></body></html>`;

const server = createServer((req, res) => {
  if (req.url?.startsWith('/gallery.js')) {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    res.end(js);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page('iess-clave: capturas'));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

/** The drivers are TypeScript: bundled for Node (packages stay imports) into .tmp/, then loaded. */
const driversFile = `${root}.tmp/screenshots-drivers-${process.pid}.mjs`;
await build({
  entryPoints: [fileURLToPath(new URL('../test/e2e/drivers/driver.ts', import.meta.url))],
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile: driversFile,
  absWorkingDir: root,
  logLevel: 'error',
});
/** @type {typeof import('../test/e2e/drivers/driver.ts')} */
const { launchEngine } = await import(pathToFileURL(driversFile).href).finally(() => rm(driversFile));

/**
 * In the page: resolves once the view is ready to be seen. The gallery has rendered it (data-ready),
 * the web fonts are loaded, the step (or its dialog) has a box, the window has the keyboard focus,
 * and two animation frames have run since, so the state was laid out and painted (WebKit paints
 * later than it reports ready). Resolves to an empty string, else says what is still missing.
 */
const readyToSee = () =>
  new Promise((resolve) => {
    const el = document.querySelector('main > :last-child');
    // The step, or what it rendered (the confirmation is a modal <dialog> in the top layer).
    const boxes = [el, ...(el?.shadowRoot?.children ?? []), ...(el?.children ?? [])].map((e) => e?.getBoundingClientRect());
    const missing = [
      document.body.dataset.ready !== 'true' && 'the gallery is not ready',
      document.fonts.status !== 'loaded' && 'fonts are loading',
      !boxes.some((b) => b && b.width > 0 && b.height > 0) && 'the step has no box',
      // Focus is part of what a person sees (the error summary's ring); a WebKit window on Xvfb
      // has it only under the pointer (test/e2e/drivers/webkit.ts).
      !document.hasFocus() && 'the window does not have the focus',
    ].filter(Boolean);
    if (missing.length) resolve(missing.join(', '));
    else requestAnimationFrame(() => requestAnimationFrame(() => resolve('')));
  });

async function waitUntilSeen(tab, what) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const missing = await tab.evaluate(readyToSee, null);
    if (!missing) return;
    if (Date.now() > deadline) throw new Error(`${what} never became visible in ${engine}: ${missing}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

await mkdir(outDir, { recursive: true });
const started = Date.now();
// Overlay scrollbars in Firefox, as on a phone and in headless Chromium: a classic one took 12 px of
// the 360 px layout (and of the shot) whenever the page scrolled.
// WebKit as Safari composites: its screenshots need it (scripts/webkit-driver.mjs).
const browser = await launchEngine(engine, { firefoxPrefs: { 'ui.useOverlayScrollbars': 1 }, webkitCompositing: true });
let count = 0;
try {
  for (const width of WIDTHS) {
    const context = await browser.newContext({
      width,
      height: 800,
      locale: lang === 'en' ? 'en-US' : 'es-EC',
      timezoneId: 'America/Guayaquil',
    });
    const tab = await context.newPage();
    for (const entry of VIEWS) {
      if (only && !entry.startsWith(only)) continue;
      const [view, variant] = entry.split(':');
      const query = new URLSearchParams({ view, lang, ...(variant ? { variant } : {}) });
      await tab.goto(`http://127.0.0.1:${port}/?${query}`);
      await waitUntilSeen(tab, `${entry} at ${width} px`);
      const name = `${view}${variant ? `-${variant}` : ''}${lang === 'es' ? '' : `.${lang}`}-${width}.png`;
      await tab.screenshot({ path: outDir + name, fullPage: true, animations: 'disabled', caret: 'hide' });
      count++;
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`${count} screenshots in ${engine} into ${outDir.slice(root.length)} (${seconds} s)`);
