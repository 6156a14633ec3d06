/**
 * `/ready` answers from cached dependency checks with their own timeouts (issue 11; issue 9 §8):
 * an SMTP server that accepts and never answers cannot hold the probe, and any number of
 * unauthenticated probes costs at most one check per dependency per maximum age.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READY_WAIT_MS } from '../../server/routes/ops.ts';
import { startTestServer, testDatabase, type TestServer } from './helpers/harness.ts';

/** A TCP server that accepts connections and never writes a byte (no SMTP greeting). */
async function silentServer() {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((s) => {
    connections++;
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

describe('/ready with an SMTP server that accepts and never answers', () => {
  let t: TestServer;
  let smtp: Awaited<ReturnType<typeof silentServer>>;
  let pings = 0;
  let database: Awaited<ReturnType<typeof testDatabase>>;

  beforeAll(async () => {
    smtp = await silentServer();
    database = await testDatabase();
    const ping = database.ping;
    t = await startTestServer({
      database: { ...database, ping: () => (pings++, ping()) },
      config: { smtpUrl: `smtp://127.0.0.1:${smtp.port}` },
      // One minute of trust for the database check, so "one check per maximum age" is exact here.
      overrides: { checkMaxAgeMs: { database: 60_000 } },
    });
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
    await smtp?.close();
  });

  it('answers every probe within its bound, SMTP `down` and status `degraded` (still ready)', async () => {
    const times: number[] = [];
    const answers = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const started = performance.now();
        const r = await t.call('GET', '/ready');
        times.push(performance.now() - started);
        return r;
      }),
    );
    for (const r of answers) {
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'degraded', checks: { database: 'ok', smtp: 'down', redis: 'skipped' } });
    }
    const slowest = Math.max(...times);
    console.log(
      `/ready × 20 in parallel, SMTP silent: slowest ${Math.round(slowest)} ms (bound: ${READY_WAIT_MS} ms of waiting; nodemailer's greeting timeout is 5000 ms)`,
    );
    // Generous for a loaded machine, and still far below the 5 s an SMTP greeting timeout takes.
    expect(slowest).toBeLessThan(2500);
  });

  it('costs at most one check per dependency per maximum age, whatever the number of probes', async () => {
    const before = { smtp: smtp.connections(), pings };
    for (let i = 0; i < 30; i++) expect((await t.call('GET', '/ready')).status).toBe(200);
    // The start-up check opened the only SMTP connection and ran the only database ping.
    expect(before.smtp).toBe(1);
    expect(smtp.connections()).toBe(1);
    expect(pings).toBe(before.pings);
    expect(pings).toBe(1);
  });
});
