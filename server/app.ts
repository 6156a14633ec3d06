/** createApp(deps) -> the Hono app: middlewares, routes, and RFC 9457 problems for every error. */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod/mini';
import { Problem } from '../widget/api/contract.ts';
import type { AppDeps } from './deps.ts';
import { clientIp, cors, requestId, securityHeaders, type Env } from './http/middleware.ts';
import { ProblemError, problemReply, type Reply } from './http/problem.ts';
import { downDependency } from './http/dependency-errors.ts';
import type { DependencyName } from './ops/dependency-monitor.ts';
import { mountApi } from './routes/api.ts';
import { mountOps } from './routes/ops.ts';
import { mountPages } from './routes/pages.ts';

export const BODY_LIMIT_BYTES = 16 * 1024;

/** During a shutdown, every answer closes its connection so clients reconnect to another replica. */
const closeWhileDraining =
  (d: AppDeps): MiddlewareHandler<Env> =>
  async (c, next) => {
    await next();
    if (d.draining()) c.header('Connection', 'close');
  };

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

  app.use(
    '*',
    d.metrics.middleware(),
    requestId(d.log),
    securityHeaders(),
    cors(d.config),
    clientIp(d.config.trustProxyHops),
    closeWhileDraining(d),
  );
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: BODY_LIMIT_BYTES,
      onError: () => {
        throw new ProblemError('payload-too-large');
      },
    }),
  );
  mountApi(app, d, send);
  mountOps(app, d);
  mountPages(app, d);

  app.notFound((c) => send(c, problemReply(new ProblemError('not-found'), d.clock.now(), c.get('requestId'))));
  app.onError((err, c) => {
    let problem: ProblemError;
    let dependency: DependencyName | undefined;
    if (err instanceof ProblemError) problem = err;
    else if ((dependency = downDependency(err))) {
      // A dependency is down: 503 with Retry-After (the client may try again), never 500.
      d.monitor.reportDown(dependency);
      d.metrics.dependencyDown.inc({ dependency });
      d.log.error(
        {
          requestId: c.get('requestId'),
          event: 'dependency_down',
          dependency,
          err: { code: (err as { code?: string }).code, message: err.message },
        },
        'dependencia caída',
      );
      problem = new ProblemError('unavailable', { retryAfter: 5 });
    } else {
      d.log.error(
        { requestId: c.get('requestId'), event: 'server_error', err: { name: err.name, message: err.message, stack: err.stack } },
        'error del servidor',
      );
      problem = new ProblemError('server');
    }
    // The rest of an oversized body is never read, so the connection cannot carry another request:
    // say so, or a keep-alive client sends its next request into a socket about to close (issue 9 §8).
    if (problem.kind === 'payload-too-large') c.header('Connection', 'close');
    return send(c, problemReply(problem, d.clock.now(), c.get('requestId')));
  });
  return app;
}
