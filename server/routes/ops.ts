/** /health, /ready, /openapi.json and the development inbox (only when the catcher runs). */
import { existsSync, readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import type { HealthResponse } from '../../widget/api/contract.ts';
import type { AppDeps } from '../deps.ts';
import type { Env } from '../http/middleware.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function mountOps(app: Hono<Env>, d: AppDeps): void {
  app.get('/health', (c) => c.json({ status: 'ok', now: d.clock.now().toISOString() } satisfies HealthResponse));

  app.get('/ready', async (c) => {
    const [database, smtp, redis] = await Promise.all([d.checks.database(), d.checks.smtp(), d.checks.redis ? d.checks.redis() : Promise.resolve(undefined)]);
    const checks: NonNullable<HealthResponse['checks']> = {
      database: database ? 'ok' : 'down',
      smtp: smtp ? 'ok' : 'down',
      redis: redis === undefined ? 'skipped' : redis ? 'ok' : 'down',
    };
    // Mail down only delays mail (outbox): degraded, still ready. Database or Redis down: not ready.
    const status: HealthResponse['status'] = !database || redis === false ? 'down' : smtp ? 'ok' : 'degraded';
    return c.json({ status, now: d.clock.now().toISOString(), checks } satisfies HealthResponse, status === 'down' ? 503 : 200);
  });

  app.get('/openapi.json', (c) => {
    if (!existsSync(d.openapiFile)) return c.notFound();
    c.header('Content-Type', 'application/json; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(readFileSync(d.openapiFile, 'utf8'));
  });

  const catcher = d.catcher;
  if (!catcher) return;
  // `?to=address` narrows the list to one recipient (tests and the benchmark poll it).
  app.get('/dev/inbox/api', async (c) => {
    const to = c.req.query('to')?.toLowerCase();
    const all = await catcher.messages();
    return c.json(to ? all.filter((m) => m.to.toLowerCase().split(', ').includes(to)) : all);
  });
  app.get('/dev/inbox', async (c) => {
    const rows = (await catcher.messages())
      .map((m) => `<li><strong>${escapeHtml(m.subject)}</strong> → ${escapeHtml(m.to)} <small>${escapeHtml(m.date)}</small><pre>${escapeHtml(m.text)}</pre>${m.links.map((l) => `<a href="${escapeHtml(l)}">${escapeHtml(l.replace(/#token=.*/, '#token=…'))}</a>`).join(' ')}</li>`)
      .join('\n');
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    return c.html(`<!doctype html><html lang="es-EC"><head><meta charset="utf-8"><title>Bandeja de desarrollo · iess-clave</title>
<style>body{font-family:system-ui,sans-serif;max-width:900px;margin:24px auto;padding:0 16px}li{margin:12px 0;border-bottom:1px solid #ddd}pre{white-space:pre-wrap}</style></head>
<body><h1>Bandeja de desarrollo</h1><p>Correos capturados por el servidor SMTP local (solo desarrollo). Más recientes primero.</p>
<ul>${rows || '<li>No hay correos todavía.</li>'}</ul></body></html>`);
  });
}
