/** /health, /ready, /metrics, /openapi.json and the development inbox (only when the catcher runs). */
import { existsSync, readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import type { HealthResponse } from '../../widget/api/contract.ts';
import type { AppDeps } from '../deps.ts';
import type { Env } from '../http/middleware.ts';
import type { DependencyName } from '../ops/dependency-monitor.ts';
import { metricsAuthorized } from '../ops/metrics.ts';

/** The longest /ready waits for a stale dependency check before answering with the last known state. */
export const READY_WAIT_MS = 300;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function mountOps(app: Hono<Env>, d: AppDeps): void {
  app.get('/health', (c) => c.json({ status: 'ok', now: d.clock.now().toISOString() } satisfies HealthResponse));

  // Answers from the cached checks (server/ops/dependency-monitor.ts): it waits at most
  // READY_WAIT_MS for stale ones, so any number of probes costs at most one check per dependency
  // per maximum age, and a dependency that hangs cannot hold the probe.
  app.get('/ready', async (c) => {
    const up = await d.monitor.read(READY_WAIT_MS);
    const state = (name: DependencyName) => (!(name in up) ? 'skipped' : up[name] ? 'ok' : 'down');
    const checks: NonNullable<HealthResponse['checks']> = { database: state('database'), smtp: state('smtp'), redis: state('redis') };
    // Mail down only delays mail (outbox): degraded, still ready. Database or Redis down, or a
    // shutdown under way: not ready.
    const down = d.draining() || checks.database === 'down' || checks.redis === 'down';
    const status: HealthResponse['status'] = down ? 'down' : checks.smtp === 'ok' ? 'ok' : 'degraded';
    c.header('Cache-Control', 'no-store');
    return c.json({ status, now: d.clock.now().toISOString(), checks } satisfies HealthResponse, down ? 503 : 200);
  });

  // Prometheus text format, only with METRICS_TOKEN set and sent as a bearer token.
  app.get('/metrics', async (c) => {
    const token = d.config.metricsToken;
    if (!token) return c.notFound();
    if (!metricsAuthorized(c.req.header('authorization'), token)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      return c.text('No autorizado', 401);
    }
    c.header('Content-Type', d.metrics.contentType);
    return c.body(await d.metrics.text());
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
      .map(
        (m) =>
          `<li><strong>${escapeHtml(m.subject)}</strong> → ${escapeHtml(m.to)} <small>${escapeHtml(m.date)}</small><pre>${escapeHtml(m.text)}</pre>${m.links.map((l) => `<a href="${escapeHtml(l)}">${escapeHtml(l.replace(/#token=.*/, '#token=…'))}</a>`).join(' ')}</li>`,
      )
      .join('\n');
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    return c.html(`<!doctype html><html lang="es-EC"><head><meta charset="utf-8"><title>Bandeja de desarrollo · iess-clave</title>
<style>body{font-family:system-ui,sans-serif;max-width:900px;margin:24px auto;padding:0 16px}li{margin:12px 0;border-bottom:1px solid #ddd}pre{white-space:pre-wrap}</style></head>
<body><h1>Bandeja de desarrollo</h1><p>Correos capturados por el servidor SMTP local (solo desarrollo). Más recientes primero.</p>
<ul>${rows || '<li>No hay correos todavía.</li>'}</ul></body></html>`);
  });
}
