/**
 * Graceful shutdown (issue 11): on SIGTERM the server stops accepting connections, lets the
 * requests in flight finish (bounded by SHUTDOWN_TIMEOUT_SECONDS), answers them with
 * `Connection: close`, then closes the outbox, the rate limiter, the mail transport and the
 * database pool, and exits 0. A request counts as in flight once its headers arrived: the tests
 * hold one open with `Expect: 100-continue` (the server's "100 Continue" proves it arrived) and
 * send its body only after the signal — no timing involved.
 */
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../server/config.ts';
import { startServer } from '../../server/server.ts';
import { startCliServer } from './helpers/cli.ts';
import { freshPGlite } from './helpers/pglite-template.ts';

const BODY = '{}';

/** A POST /v1/flows whose headers are sent and acknowledged (100 Continue) but whose body is not. */
async function heldRequest(url: string): Promise<{
  req: ClientRequest;
  response: Promise<{ status: number; headers: IncomingMessage['headers']; body: string }>;
  error: Promise<Error>;
}> {
  const req = request(`${url}/v1/flows`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(BODY.length), expect: '100-continue' },
  });
  const error = new Promise<Error>((r) => req.on('error', r));
  const response = new Promise<{ status: number; headers: IncomingMessage['headers']; body: string }>((resolve) =>
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    }),
  );
  const continued = new Promise<void>((r) => req.on('continue', r));
  req.flushHeaders();
  await continued;
  return { req, response, error };
}

let dataDir: string;
beforeAll(async () => {
  const db = await freshPGlite();
  dataDir = db.dir;
  await db.closeKeepingFiles();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const env = () => ({ IESS_TEST_MODE: '1', DATA_DIR: dataDir });

describe('SIGTERM (the command line)', () => {
  it('drains a request in flight: it gets its whole answer with Connection: close, new connections are refused, exit 0', async () => {
    const srv = await startCliServer(['serve'], env());
    const held = await heldRequest(srv.url);
    const signalled = performance.now();
    srv.child.kill('SIGTERM');
    await srv.waitFor(/SIGTERM: deja de aceptar conexiones/);
    await expect(fetch(`${srv.url}/health`)).rejects.toThrow();

    held.req.end(BODY);
    const answer = await held.response;
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).type).toMatch(/problem:validation$/);
    expect(answer.headers.connection).toBe('close');
    expect(await srv.exited).toBe(0);
    const ms = Math.round(performance.now() - signalled);
    expect(srv.output()).toMatch(/Detenido: solicitudes en curso terminadas en \d+ ms\./);
    console.log(
      `SIGTERM with one request in flight: answered in full, process exited 0 after ${ms} ms (${/terminadas en (\d+) ms/.exec(srv.output())![1]} ms draining)`,
    );
  });

  it('with SHUTDOWN_DELAY_SECONDS it first keeps serving with /ready at 503 (a proxy stops sending), each answer closing its connection', async () => {
    const srv = await startCliServer(['serve'], { ...env(), SHUTDOWN_DELAY_SECONDS: '120' });
    srv.child.kill('SIGTERM');
    await srv.waitFor(/SIGTERM: \/ready responde 503; durante 120 s sigue atendiendo/);
    const ready = await fetch(`${srv.url}/ready`);
    expect(ready.status).toBe(503);
    expect((await ready.json()).status).toBe('down');
    const config = await fetch(`${srv.url}/v1/config`);
    expect(config.status).toBe(200);
    expect(config.headers.get('connection')).toBe('close');
    // A second signal does not wait.
    srv.child.kill('SIGTERM');
    expect(await srv.exited).toBe(1);
    expect(srv.output()).toMatch(/SIGTERM otra vez: se detiene sin esperar/);
  });

  it('is bounded: a request that never finishes is cut after SHUTDOWN_TIMEOUT_SECONDS and the process still exits 0', async () => {
    const srv = await startCliServer(['serve'], { ...env(), SHUTDOWN_TIMEOUT_SECONDS: '1' });
    const held = await heldRequest(srv.url);
    const signalled = performance.now();
    srv.child.kill('SIGTERM');
    expect(await srv.exited).toBe(0);
    const ms = Math.round(performance.now() - signalled);
    expect(srv.output()).toMatch(/1 cortada\(s\) al vencer el plazo/);
    expect((await held.error).message).toMatch(/socket hang up|ECONNRESET/);
    console.log(`SIGTERM with a request that never finishes (SHUTDOWN_TIMEOUT_SECONDS=1): exited 0 after ${ms} ms`);
    expect(ms).toBeLessThan(15_000);
  });
});

describe('close() (in process)', () => {
  it('waits for the request in flight, then closes the database pool and the rate limiter', async () => {
    const url = process.env.TEST_DATABASE_URL;
    let schema: string | undefined;
    let databaseUrl: string | undefined;
    if (url) {
      const pg = (await import('pg')).default;
      schema = `shutdown_${process.pid}`;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
      await c.end();
      const u = new URL(url);
      u.searchParams.set('options', `-c search_path=${schema}`);
      databaseUrl = u.toString();
    }
    const server = await startServer(testConfig({ smtpUrl: undefined, databaseUrl, dataDir, redisUrl: process.env.TEST_REDIS_URL }), {
      outboxTimer: false,
      redisKeyPrefix: `iess-clave-test:${process.pid}:shutdown:`,
    });
    try {
      const held = await heldRequest(server.url);
      const closing = server.close({ timeoutMs: 30_000 });
      held.req.end(BODY);
      expect((await held.response).status).toBe(400);
      const report = await closing;
      expect(report.cut).toBe(0);
      await expect(sql`SELECT 1`.execute(server.database.db)).rejects.toThrow();
      if (server.database.poolStats) expect(server.database.poolStats().total).toBe(0);
      if (process.env.TEST_REDIS_URL) await expect(server.deps.rateLimiter.hit('after-close', 'k', 10, 60)).rejects.toThrow();
    } finally {
      await server.close();
      if (url && schema) {
        const pg = (await import('pg')).default;
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      }
    }
  });
});
