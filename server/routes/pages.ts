/**
 * The demo page (`/`) and the activation page (`/activar`, where ACTIVATION_URL points by default),
 * both embedding the widget from /widget/ (dist/widget, built by `npm run build:widget`). Strict
 * CSP with a nonce per response; the activation token stays in the fragment and never reaches us.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import type { Env } from '../http/middleware.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const WIDGET_FILE = 'iess-recuperar-clave.js';

function page(nonce: string, title: string, widgetPresent: boolean, intro: string, apiBase: string): string {
  const widget = widgetPresent
    ? `<iess-recuperar-clave api-base="${apiBase.replace(/"/g, '&quot;')}"></iess-recuperar-clave>\n<script type="module" nonce="${nonce}" src="/widget/${WIDGET_FILE}"></script>`
    : `<p role="alert" class="aviso">El componente todavía no está compilado. Ejecute <code>npm run build:widget</code> y vuelva a cargar esta página.</p>`;
  return `<!doctype html>
<html lang="es-EC">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · IESS</title>
<style nonce="${nonce}">
body{font-family:system-ui,Arial,sans-serif;margin:0;background:#f4f6f8;color:#1a1a1a}
header{background:#0b3d6e;color:#fff;padding:16px 24px}
main{max-width:760px;margin:24px auto;padding:0 16px}
.aviso{background:#fff3cd;border:1px solid #e0c36a;padding:12px;border-radius:6px}
</style>
</head>
<body>
<header><strong>Instituto Ecuatoriano de Seguridad Social</strong></header>
<main>
<h1>${title}</h1>
<p>${intro}</p>
${widget}
</main>
</body>
</html>`;
}

export function mountPages(app: Hono<Env>, d: AppDeps): void {
  const widgetPresent = () => existsSync(join(d.widgetDir, WIDGET_FILE));
  const render = (title: string, intro: string) => (c: Context<Env>) => {
    const nonce = randomBytes(16).toString('base64');
    c.header(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'`,
    );
    c.header('Cache-Control', 'no-store');
    return c.html(page(nonce, title, widgetPresent(), intro, d.config.publicUrl));
  };
  app.get('/', render('Generar / Recuperar clave de afiliado', 'Página de demostración del componente <code>&lt;iess-recuperar-clave&gt;</code>.'));
  app.get('/activar', render('Activación de clave', 'Continúe con la activación de su clave.'));
  app.get('/widget/*', (c) => {
    const rel = normalize(decodeURIComponent(c.req.path.slice('/widget/'.length)));
    const file = join(d.widgetDir, rel);
    if (rel.startsWith('..') || !file.startsWith(normalize(d.widgetDir) + sep) || !existsSync(file) || !statSync(file).isFile()) {
      return c.notFound();
    }
    c.header('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    c.header('Cache-Control', 'no-cache');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return c.body(readFileSync(file));
  });
}
