#!/usr/bin/env node
// Screenshots of every step and state at 360 px and 1280 px into docs/screenshots/, with
// playwright-core driving the system Chromium. The gallery page (scripts/screenshots/gallery.ts)
// is bundled with esbuild and served from 127.0.0.1 on a free port. Usage:
//   node scripts/screenshots.mjs [--lang en] [--only nueva-clave]
import { build } from 'esbuild';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium, HOW_TO_GET_CHROMIUM } from './find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const lang = arg('lang') ?? 'es';
const only = arg('only');

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

const executablePath = findChromium();
if (!executablePath) {
  console.error(HOW_TO_GET_CHROMIUM);
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

await mkdir(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath, headless: true });
let count = 0;
try {
  for (const width of WIDTHS) {
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      deviceScaleFactor: 1,
      locale: lang === 'en' ? 'en-US' : 'es-EC',
      timezoneId: 'America/Guayaquil',
    });
    const tab = await context.newPage();
    tab.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    for (const entry of VIEWS) {
      if (only && !entry.startsWith(only)) continue;
      const [view, variant] = entry.split(':');
      const query = new URLSearchParams({ view, lang, ...(variant ? { variant } : {}) });
      await tab.goto(`http://127.0.0.1:${port}/?${query}`);
      await tab.waitForSelector('body[data-ready="true"]');
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
console.log(`${count} screenshots in docs/screenshots/`);
