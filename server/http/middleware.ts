/** Cross-cutting HTTP concerns: request id, security headers, CORS allow-list, client IP. */
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { ServerConfig } from '../config.ts';
import type { Logger } from '../log.ts';

export type Env = {
  Variables: { requestId: string; ip: string; nonce: string };
  Bindings: { incoming?: { socket?: { remoteAddress?: string } } };
};

/** A request id for logs and problems; a well-formed incoming X-Request-Id is kept. */
export const requestId =
  (log: Logger): MiddlewareHandler<Env> =>
  async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const id = incoming && /^[A-Za-z0-9-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    const started = performance.now();
    await next();
    // Only the route pattern, never the URL: no personal data in request lines (SS-27).
    log.info(
      { requestId: id, method: c.req.method, route: c.req.routePath, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  };

/** The client IP from the socket, or from X-Forwarded-For only behind that many trusted proxies (SS-07). */
export const clientIp =
  (trustProxyHops: number): MiddlewareHandler<Env> =>
  async (c, next) => {
    const socketIp = c.env?.incoming?.socket?.remoteAddress ?? '127.0.0.1';
    let ip = socketIp;
    if (trustProxyHops > 0) {
      const hops = (c.req.header('x-forwarded-for') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      ip = hops[hops.length - trustProxyHops] ?? socketIp;
    }
    c.set('ip', ip);
    await next();
  };

/** Features neither the widget nor the pages use (names every engine recognises, so no console noise). */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/*
 * Every header below is set BEFORE the route runs, never on its finished response: Hono then builds
 * the response with them, and @hono/node-server writes a string body straight to the socket. A
 * header added after `next()` makes Hono copy the response through a web ReadableStream and
 * undici's Response and Headers, which cost more CPU than the bare route's whole request (issue 15).
 */

/**
 * Security headers on every response (SS-24). A route that sets its own Content-Security-Policy
 * (the HTML pages, with a nonce) or Cache-Control replaces these defaults.
 */
export const securityHeaders = (): MiddlewareHandler<Env> => async (c, next) => {
  const headers: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    // Only the widget's files are for other sites to load; everything else is this origin's (issue 9 §8).
    ['Cross-Origin-Resource-Policy', c.req.path.startsWith('/widget/') ? 'cross-origin' : 'same-origin'],
    // Nothing here uses these powerful features: deny them to this origin and anything it frames.
    ['Permissions-Policy', PERMISSIONS_POLICY],
    ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
    ['Cache-Control', 'no-store'],
  ];
  for (const [name, value] of headers) c.header(name, value);
  await next();
  // A route that returns a Response it built itself drops what was prepared (Hono keeps prepared
  // headers only for answers it builds): put the missing ones on it. No route does so today.
  const res = c.res.headers;
  if (!res.has('X-Content-Type-Options')) for (const [name, value] of headers) if (!res.has(name)) c.header(name, value);
};

/** CORS: exact origins from CORS_ORIGINS only, never `*` or `null` (SS-22). */
export const cors = (config: ServerConfig): MiddlewareHandler<Env> => {
  const allowed = new Set(config.corsOrigins);
  return async (c, next) => {
    const origin = c.req.header('origin');
    const ok = origin !== undefined && allowed.has(origin);
    // Appended: a route's own Vary (Accept-Encoding on the widget's files) is appended to it.
    c.header('Vary', 'Origin', { append: true });
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      if (ok) {
        c.header('Access-Control-Allow-Origin', origin);
        c.header('Access-Control-Allow-Methods', 'GET, POST');
        c.header('Access-Control-Allow-Headers', 'Content-Type, Authorization, Idempotency-Key, X-Request-Id');
        c.header('Access-Control-Max-Age', '600');
      }
      return c.body(null, 204);
    }
    if (ok) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id');
    }
    await next();
  };
};

export const ipOf = (c: Context<Env>) => c.get('ip');
