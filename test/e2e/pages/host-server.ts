/**
 * A third-party host page for `<iess-recuperar-clave>`, on its own origin (127.0.0.1, port 0):
 * `/` and `/activar` embed the BUILT widget (served from dist/widget by this same server) under a
 * strict CSP with Trusted Types, and record every `securitypolicyviolation` in `window.__violations`.
 * `?css=hostile` adds an aggressive host stylesheet (./hostile.css).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const ROOT = new URL('../../..', import.meta.url).pathname;
const WIDGET_DIR = join(ROOT, 'dist/widget');
const HOSTILE_CSS = readFileSync(new URL('./hostile.css', import.meta.url), 'utf8');

/** The Trusted Types policies the widget may create: Lit's own, nothing else. */
export const TRUSTED_TYPES_POLICIES = 'lit-html';

export interface HostServer {
  origin: string;
  /** The CSP the pages are served with (for failure messages). */
  csp(nonce: string): string;
  close(): Promise<void>;
}

const BAD_FORM = ['a', 'b', 'c', 'd', 'e', 'f']
  .map(
    (n, i) =>
      `<label for="${n}">${n}</label><input id="${n}" name="${n}" type="${i % 2 ? 'password' : 'text'}" autocomplete="${i % 2 ? 'current-password' : 'username'}">`,
  )
  .join('');

/** Recorded before the widget loads: every CSP / Trusted Types violation of the page. */
const COLLECT_VIOLATIONS = `window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile + ':' + e.lineNumber });
}, true);`;

function page(nonce: string, apiBase: string, hostile: boolean): string {
  return `<!doctype html>
<html lang="es-EC">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Portal de un tercero</title>
<script nonce="${nonce}">${COLLECT_VIOLATIONS}</script>
<style nonce="${nonce}">
body { margin: 0; background: #fff; }
#frame { position: absolute; top: 0; right: 0; width: 360px; padding: 8px; background: #fff; }
</style>
${hostile ? `<style nonce="${nonce}">${HOSTILE_CSS}</style>` : ''}
</head>
<body>
<h1>Portal de un tercero</h1>
<p id="plain-text">Texto de la página anfitriona.</p>
<input id="host-input" aria-label="Campo de la página" value="campo de la página">
<div id="frame"><iess-recuperar-clave api-base="${apiBase}"></iess-recuperar-clave></div>
<script type="module" nonce="${nonce}" src="/widget/iess-recuperar-clave.js"></script>
</body>
</html>`;
}

export async function startHostServer(apiBase: () => string): Promise<HostServer> {
  const csp = (nonce: string) =>
    [
      "default-src 'none'",
      `script-src 'nonce-${nonce}' 'strict-dynamic'`,
      `style-src 'nonce-${nonce}'`,
      `connect-src ${apiBase()}`,
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "require-trusted-types-for 'script'",
      `trusted-types ${TRUSTED_TYPES_POLICIES}`,
    ].join('; ');
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/' || url.pathname === '/activar') {
      const nonce = randomBytes(16).toString('base64');
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': csp(nonce),
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      });
      res.end(page(nonce, apiBase(), url.searchParams.get('css') === 'hostile'));
      return;
    }
    if (url.pathname === '/control/bad-password-form') {
      // The control for Chromium's password-form advice: one <form> holding what should be three.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'" });
      res.end(
        `<!doctype html><html lang="es-EC"><head><meta charset="utf-8"><title>control</title></head><body><form>${BAD_FORM}</form></body></html>`,
      );
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (url.pathname.startsWith('/widget/')) {
      const rel = normalize(decodeURIComponent(url.pathname.slice('/widget/'.length)));
      const file = join(WIDGET_DIR, rel);
      if (!rel.startsWith('..') && file.startsWith(WIDGET_DIR + sep) && existsSync(file) && statSync(file).isFile()) {
        const type = extname(file) === '.js' ? 'text/javascript; charset=utf-8' : 'application/octet-stream';
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(readFileSync(file));
        return;
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    csp,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
