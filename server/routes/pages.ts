/**
 * The demo page (`/`) and the activation page (`/activar`, where ACTIVATION_URL points by default),
 * both embedding the widget from /widget/ (dist/widget, built by `npm run build:widget`). Strict
 * CSP with a nonce per response; the activation token stays in the fragment and never reaches us.
 * Each page asks for the chunks the widget's entry imports statically with itself (modulepreload,
 * from the build's Vite manifest), so they need not wait for the entry to arrive.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { DEMO_IDENTITIES } from '../demo/identities.ts';
import { DEFAULT_QUESTION_BANK } from '../domain/security-questions.ts';
import type { Env } from '../http/middleware.ts';
import { firstLoadChunks, mountWidgetFiles } from './widget-files.ts';

const WIDGET_FILE = 'iess-recuperar-clave.js';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** A month's Spanish name ("marzo"), as the widget's «Mes» shows it. */
const monthName = (month: number) => new Intl.DateTimeFormat('es', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, month - 1, 1));
const KIND = { affiliate: 'afiliado', retiree: 'jubilado', dependant: 'derechohabiente' } as const;

/** What to type for each demo identity (the same facts as docs/operations.md), for the demo page. */
function demoTable(): string {
  const question = (id: string) => DEFAULT_QUESTION_BANK.find((q) => q.id === id)?.text ?? id;
  const rows = DEMO_IDENTITIES.map((p) => {
    const answers = p.securityAnswers
      ? Object.entries(p.securityAnswers)
          .map(([id, a]) => `${escapeHtml(question(id))} <strong>${escapeHtml(a)}</strong>`)
          .join('<br>')
      : [
          p.facts.employers?.length ? `Empleador: <strong>${escapeHtml(p.facts.employers[0]!)}</strong>` : '',
          p.facts.firstContributionYear ? `Primer aporte: <strong>${p.facts.firstContributionYear}</strong>` : '',
          p.facts.pensionStartYear ? `Pensión desde: <strong>${p.facts.pensionStartYear}</strong>` : '',
          p.facts.employers?.[1] ? `Empleador anterior: <strong>${escapeHtml(p.facts.employers[1])}</strong>` : '',
          p.facts.principalName ? `Afiliado titular: <strong>${escapeHtml(p.facts.principalName)}</strong>` : '',
          p.facts.principalEmployer ? `Empleador del titular: <strong>${escapeHtml(p.facts.principalEmployer)}</strong>` : '',
          p.facts.dependantSinceYear ? `Dependiente desde: <strong>${p.facts.dependantSinceYear}</strong>` : '',
        ]
          .filter(Boolean)
          .join('<br>');
    const id = `${p.idType === 'cedula' ? 'Cédula' : 'Código de extranjero'} <code>${escapeHtml(p.id)}</code>`;
    return `<li><h3>${id}</h3><p>${escapeHtml(p.givenNames)} (${KIND[p.kind]}): <strong>${p.password ? 'recuperar' : 'generar'}</strong></p>
<dl><dt>Nacimiento</dt><dd>${p.birthDay} de ${monthName(p.birthMonth)}</dd><dt>Responda</dt><dd>${answers}</dd>
<dt>Correo registrado</dt><dd>${p.email ? escapeHtml(p.email) : 'ninguno: ingrese uno nuevo (solo si acierta al primer intento: después, en persona)'}</dd></dl></li>`;
  }).join('\n');
  return `<section class="demo" aria-labelledby="demo-title">
<h2 id="demo-title">Identidades de demostración</h2>
<p>Datos ficticios. El correo llega a la <a href="/dev/inbox">bandeja de desarrollo</a>. Clave actual de los casos <em>recuperar</em>: <code>Montaña-verde-2019</code>. Cualquier otra cédula válida (por ejemplo <code>2411111111</code>) recibe un trámite señuelo que nunca se verifica.</p>
<ul>
${rows}
</ul>
</section>`;
}

function page(
  nonce: string,
  title: string,
  widgetPresent: boolean,
  intro: string,
  apiBase: string,
  demo: boolean,
  preload: readonly string[],
): string {
  // The chunks the first step waits for are asked for with the page, not after the entry (issue 15).
  const preloads = widgetPresent
    ? preload.map((f) => `<link rel="modulepreload" href="/widget/${escapeHtml(f)}" nonce="${nonce}">\n`).join('')
    : '';
  const widget = widgetPresent
    ? `<iess-recuperar-clave api-base="${escapeHtml(apiBase)}"></iess-recuperar-clave>\n<script type="module" nonce="${nonce}" src="/widget/${WIDGET_FILE}"></script>`
    : `<p role="alert" class="aviso">El componente todavía no está compilado. Ejecute <code>npm run build:widget</code> y vuelva a cargar esta página.</p>`;
  return `<!doctype html>
<html lang="es-EC">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · IESS</title>
${preloads}<style nonce="${nonce}">
body{font-family:system-ui,Arial,sans-serif;margin:0;background:#f4f6f8;color:#1a1a1a;line-height:1.45}
header{background:#0b3d6e;color:#fff;padding:14px 24px;display:flex;flex-wrap:wrap;gap:4px 24px;align-items:baseline}
header strong{font-size:1.1rem}
nav.migas{max-width:1200px;margin:12px auto 0;padding:0 16px;font-size:.9rem;color:#444}
nav.migas ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px}
nav.migas li+li::before{content:"›";margin-right:4px}
main{max-width:1200px;margin:8px auto 32px;padding:0 16px;display:grid;gap:24px;grid-template-columns:minmax(0,640px) minmax(0,1fr);align-items:start}
main>h1,main>p{grid-column:1/-1;margin:0}
h1{font-size:1.6rem;color:#0b3d6e}
.demo{background:#fff;border:1px solid #d5dbe1;border-radius:8px;padding:16px;font-size:.9rem}
.demo h2{margin-top:0;font-size:1.1rem}
.demo ul{list-style:none;margin:0;padding:0}
.demo li{border-top:1px solid #d5dbe1;padding:8px 0}
.demo h3{font-size:1rem;margin:0}
.demo li p{margin:2px 0 4px}
.demo dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 12px;margin:0}
.demo dt{color:#444}
.demo dd{margin:0;min-width:0;overflow-wrap:anywhere}
footer{max-width:1200px;margin:0 auto 32px;padding:0 16px;font-size:.85rem;color:#444}
a{color:#0b4f8a}
.aviso{background:#fff3cd;border:1px solid #e0c36a;padding:12px;border-radius:6px}
@media (max-width:900px){main{grid-template-columns:minmax(0,1fr)}}
iess-recuperar-clave:not(:defined){display:block;min-height:56rem}
@media (min-width:48em){iess-recuperar-clave:not(:defined){min-height:47rem}}
</style>
</head>
<body>
<header><strong>Instituto Ecuatoriano de Seguridad Social</strong><span>Trámites virtuales</span></header>
<nav class="migas" aria-label="Ruta"><ol><li>Asegurados</li><li>Afiliados</li><li>Seguridad</li><li aria-current="page">Generar / Recuperar clave</li></ol></nav>
<main>
<h1>${title}</h1>
<p>${intro}</p>
<div>${widget}</div>
${demo ? demoTable() : ''}
</main>
<footer>Atención al Ciudadano: <a href="mailto:atencionalusuario@iess.gob.ec">atencionalusuario@iess.gob.ec</a> · +593 2 394 5666 · 24 horas, sin costo.</footer>
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
    return c.html(page(nonce, title, widgetPresent(), intro, d.config.publicUrl, d.config.demo, firstLoadChunks(d.widgetDir)));
  };
  app.get('/', render('Clave de afiliado', 'Genere su primera clave o recupere la que olvidó, en línea, las 24 horas y sin costo.'));
  app.get('/activar', render('Activación de clave', 'Continúe con la activación de su clave.'));
  // Browsers ask for it on every page; an empty answer keeps the console clean.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  mountWidgetFiles(app, d.widgetDir);
}
