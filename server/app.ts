/** createApp(deps) -> the Hono app: middlewares, routes, and RFC 9457 problems for every error. */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod/mini';
import { Problem } from '../widget/api/contract.ts';
import type { AppDeps } from './deps.ts';
import { clientIp, cors, requestId, securityHeaders, type Env } from './http/middleware.ts';
import { ProblemError, problemReply, type Reply } from './http/problem.ts';
import { mountApi } from './routes/api.ts';
import { mountOps } from './routes/ops.ts';
import { mountPages } from './routes/pages.ts';

export const BODY_LIMIT_BYTES = 16 * 1024;

/** Errors that mean a dependency is down (database connection refused, cut or timed out). */
function isUnavailable(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  const msg = String((err as Error)?.message ?? '');
  return /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|57P01|57P03|08\d{3})$/.test(code) || /Connection terminated|connection timeout|timeout exceeded|base de datos está cerrada|Client has encountered a connection error|driver has already been destroyed|PGlite is closed|Connection terminated unexpectedly|the database system is/i.test(msg);
}

export function createApp(d: AppDeps): Hono<Env> {
  const app = new Hono<Env>();

  const send = (c: Context<Env>, reply: Reply, schema?: z.ZodMiniType): Response => {
    // In test mode every response is checked against the contract: a drift fails loudly.
    const check = reply.status >= 400 ? Problem : schema;
    if (check && d.config.testMode) {
      const r = check.safeParse(reply.body);
      if (!r.success) throw new Error(`response does not satisfy the contract: ${JSON.stringify(r.error.issues).slice(0, 500)}`);
    }
    for (const [k, v] of Object.entries(reply.headers ?? {})) c.header(k, v);
    const isProblem = reply.status >= 400;
    return c.body(JSON.stringify(reply.body), reply.status as 200, {
      'Content-Type': isProblem ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8',
    });
  };

  app.use('*', requestId(d.log), securityHeaders(), cors(d.config), clientIp(d.config.trustProxyHops));
  app.use(
    '/v1/*',
    bodyLimit({ maxSize: BODY_LIMIT_BYTES, onError: () => { throw new ProblemError('payload-too-large'); } }),
  );
  mountApi(app, d, send);
  mountOps(app, d);
  mountPages(app, d);

  app.notFound((c) => send(c, problemReply(new ProblemError('not-found'), d.clock.now(), c.get('requestId'))));
  app.onError((err, c) => {
    let problem: ProblemError;
    if (err instanceof ProblemError) problem = err;
    else if (isUnavailable(err)) {
      d.log.error({ requestId: c.get('requestId'), event: 'dependency_down', err: { code: (err as { code?: string }).code, message: err.message } }, 'dependencia caída');
      problem = new ProblemError('unavailable', { retryAfter: 5 });
    } else {
      d.log.error({ requestId: c.get('requestId'), event: 'server_error', err: { name: err.name, message: err.message, stack: err.stack } }, 'error del servidor');
      problem = new ProblemError('server');
    }
    return send(c, problemReply(problem, d.clock.now(), c.get('requestId')));
  });
  return app;
}
