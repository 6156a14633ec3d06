#!/usr/bin/env node
/**
 * Two replicas behind a reverse proxy, on PostgreSQL + Redis (bench/replicas.mjs): the reference
 * deployment of docs/operations.md, measured on this machine.
 *
 * Starts the BUILT server (`npm run build:server` first) as separate processes sharing one
 * PostgreSQL schema, one Redis and one SMTP server, behind a small round-robin HTTP proxy in this
 * process (it appends X-Forwarded-For, so the replicas run with TRUST_PROXY_HOPS=1; it sends
 * traffic only to replicas whose GET /ready answered 200 at its last check, every 250 ms; and,
 * like nginx's `proxy_next_upstream error`, passes a request that could not be delivered to the
 * other replica). It prints:
 *  1. complete generar flows per second through the proxy with one replica, then with two;
 *  2. two rolling restarts under load (SHUTDOWN_DELAY_SECONDS=0, then 1) — each replica in turn gets SIGTERM and a fresh one takes its
 *     place while clients keep sending BUSCAR and GET /v1/config — with the requests that failed,
 *     each replica's drain time and each new replica's start time;
 *  3. shared state: 20 wrong answers for one person sent at once, alternating replicas, count
 *     exactly MAX_ATTEMPTS failures; a per-IP limit of N admits exactly N requests across both.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test BENCH_REDIS_URL=redis://127.0.0.1:6379 \
 *     node bench/replicas.mjs [--flows 40] [--seconds 12]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { call, captcha, cedula, flowsPerSecond, registryCsv, run, startServer } from './server-helpers.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const FLOWS = arg('flows', 40);
const SECONDS = arg('seconds', 12);
const databaseUrl = process.env.BENCH_DATABASE_URL;
const redisUrl = process.env.BENCH_REDIS_URL;
if (!databaseUrl || !redisUrl) {
  console.error('Faltan BENCH_DATABASE_URL (PostgreSQL) y BENCH_REDIS_URL (Redis): las réplicas comparten ambos.');
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// One SMTP server for every replica (the outbox of either may send any mail).
// ---------------------------------------------------------------------------------------------

const tokens = new Map();
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, done) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', async () => {
      const mail = await PostalMime.parse(Buffer.concat(chunks));
      const token = /#token=([^"&]+)/.exec(mail.html ?? '')?.[1];
      for (const to of session.envelope.rcptTo) if (token) tokens.set(to.address, decodeURIComponent(token));
      done();
    });
  },
});
await new Promise((r) => smtp.listen(0, '127.0.0.1', r));
const smtpUrl = `smtp://127.0.0.1:${smtp.server.address().port}`;
const readLink = async (to) => tokens.get(to);

// ---------------------------------------------------------------------------------------------
// The reverse proxy: round robin over the upstreams whose GET /ready answered 200 at the last
// health check (every 250 ms); a request that never reached one (connection refused, or a reused
// keep-alive socket closed under it) goes to the next.
// ---------------------------------------------------------------------------------------------

const upstreams = [];
let turn = 0;
const healthCheck = setInterval(() => {
  for (const u of upstreams) {
    fetch(`${u.url}/ready`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => (u.ready = r.status === 200),
      () => (u.ready = false),
    );
  }
}, 250);
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const proxyStats = { requests: 0, retried: 0, failed: 0 };
const proxy = createServer(async (req, res) => {
  proxyStats.requests++;
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = Buffer.concat(chunks);
  const headers = {
    ...req.headers,
    'x-forwarded-for': [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', '),
  };
  for (let attempt = 0; attempt < 4; attempt++) {
    const ready = upstreams.filter((u) => u.ready !== false);
    const pool = attempt === 0 && ready.length ? ready : upstreams;
    const target = pool[turn++ % pool.length];
    if (!target) break;
    try {
      const upstream = await new Promise((resolve, reject) => {
        const r = request({ host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers, agent }, resolve);
        r.on('error', (err) => reject(Object.assign(err, { reused: r.reusedSocket })));
        r.end(body);
      });
      res.writeHead(upstream.statusCode, upstream.headers);
      upstream.pipe(res);
      return;
    } catch (err) {
      // Never delivered: safe to send to another replica, whatever the method.
      if (err.code === 'ECONNREFUSED' || (err.reused && err.code === 'ECONNRESET')) {
        proxyStats.retried++;
        continue;
      }
      break;
    }
  }
  proxyStats.failed++;
  res.writeHead(502).end();
});
await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
const proxyUrl = `http://127.0.0.1:${proxy.address().port}`;

// ---------------------------------------------------------------------------------------------

const schema = `bench_replicas_${process.pid}`;
const admin = new pg.Client({ connectionString: databaseUrl });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const u = new URL(databaseUrl);
u.searchParams.set('options', `-c search_path=${schema}`);
const dir = mkdtempSync(join(tmpdir(), 'iess-clave-replicas-'));
const replicaEnv = {
  DATABASE_URL: u.toString(),
  REDIS_URL: redisUrl,
  SMTP_URL: smtpUrl,
  TRUST_PROXY_HOPS: '1',
  DATABASE_POOL_SIZE: '10',
  SHUTDOWN_TIMEOUT_SECONDS: '10',
  OUTBOX_POLL_MS: '200',
};
const replica = async (extra = {}) => {
  const r = await startServer({ ...replicaEnv, ...extra });
  upstreams.push(r);
  return r;
};
// The proxy is not told: its health check sees /ready turn 503 during SHUTDOWN_DELAY_SECONDS;
// what it still sends afterwards finds the port closed and is passed on, as nginx would.
const stopReplica = async (r) => {
  const { code, output } = await r.stop();
  upstreams.splice(upstreams.indexOf(r), 1);
  return { code, drainMs: Number(/terminadas en (\d+) ms/.exec(output)?.[1] ?? NaN) };
};

const results = {};
try {
  writeFileSync(join(dir, 'registry.csv'), registryCsv(2 * FLOWS + 1));
  await run(['import', join(dir, 'registry.csv')], replicaEnv);

  // 1. Throughput: one replica, then two.
  await replica();
  results.flows1 = await flowsPerSecond(proxyUrl, FLOWS, readLink, 8, 0);
  await replica();
  results.flows2 = await flowsPerSecond(proxyUrl, FLOWS, readLink, 8, FLOWS);

  // 2. Rolling restarts under load: clients send BUSCAR and GET /v1/config for SECONDS seconds; at
  // one third the first replica is replaced, at two thirds the second. First with replicas that
  // close their port at once (SHUTDOWN_DELAY_SECONDS=0), then with replicas that first answer
  // /ready 503 for 1 s (longer than the proxy's health-check interval).
  const rolling = async (next) => {
    const outcomes = { ok: 0, failed: 0, statuses: {} };
    const before = { ...proxyStats };
    let running = true;
    let n = 0;
    const client = async () => {
      while (running) {
        const i = n++;
        try {
          const res =
            i % 2
              ? await fetch(`${proxyUrl}/v1/config`)
              : await fetch(`${proxyUrl}/v1/flows`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ idType: 'cedula', id: cedula(20, i % 900000), captcha: captcha() }),
                });
          await res.arrayBuffer();
          if (res.status < 300) outcomes.ok++;
          else {
            outcomes.failed++;
            outcomes.statuses[res.status] = (outcomes.statuses[res.status] ?? 0) + 1;
          }
        } catch {
          outcomes.failed++;
          outcomes.statuses.network = (outcomes.statuses.network ?? 0) + 1;
        }
      }
    };
    const started = performance.now();
    const clients = Array.from({ length: 8 }, client);
    const restarts = [];
    for (const old of [...upstreams]) {
      await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 3));
      const fresh = replica(next);
      const stopped = await stopReplica(old);
      const replacement = await fresh;
      restarts.push({ drainMs: stopped.drainMs, exit: stopped.code, startMs: Math.round(replacement.startMs) });
    }
    await new Promise((r) => setTimeout(r, Math.max(0, SECONDS * 1000 - (performance.now() - started))));
    running = false;
    await Promise.all(clients);
    return { ...outcomes, seconds: (performance.now() - started) / 1000, restarts, retried: proxyStats.retried - before.retried };
  };
  results.rollingNoDelay = await rolling({ SHUTDOWN_DELAY_SECONDS: '1' }); // stops a and b (no delay), starts replicas with a delay
  results.rollingDelay = await rolling({}); // stops those

  // 3. Shared state across the two replicas (direct, alternating).
  const [r1, r2] = upstreams;
  const person = cedula(18, 2 * FLOWS); // imported, never used above
  const flows = await Promise.all(
    [r1, r2].map(
      async (r) => (await call(r.url, 'POST', '/v1/flows', { idType: 'cedula', id: person, captcha: captcha() })).body.flowToken,
    ),
  );
  const wrong = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      call(
        [r1, r2][i % 2].url,
        'POST',
        '/v1/flows/current/verification',
        { birthDay: 1, birthMonth: 1, answers: [] },
        { authorization: `Bearer ${flows[i % 2]}` },
      ),
    ),
  );
  const counted = (
    await admin.query(
      `SELECT max(c.failures) AS f FROM ${schema}.attempt_counters c JOIN ${schema}.flows f ON f.subject_key = c.subject_key WHERE f.identification = $1`,
      [person],
    )
  ).rows[0].f;
  results.attempts = {
    statuses: wrong
      .map((w) => w.status)
      .sort()
      .join(' '),
    counted,
  };
  for (const r of [...upstreams]) await stopReplica(r);

  const limited = [await replica({ RATE_LIMIT_IP_PER_MINUTE: '30' }), await replica({ RATE_LIMIT_IP_PER_MINUTE: '30' })];
  const ip = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
  const statuses = [];
  for (let i = 0; i < 40; i++)
    statuses.push((await call(limited[i % 2].url, 'GET', '/v1/captcha/challenge', undefined, { 'x-forwarded-for': ip })).status);
  results.sharedLimit = { admitted: statuses.filter((s) => s === 200).length, refused: statuses.filter((s) => s === 429).length };
  for (const r of [...upstreams]) await stopReplica(r);
} finally {
  for (const r of [...upstreams]) await r.stop();
  clearInterval(healthCheck);
  proxy.close();
  smtp.close();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}

const f1 = (x) => x.toFixed(1);
console.log(`\niess-clave: two replicas behind a reverse proxy on PostgreSQL + Redis (Node ${process.version})`);
console.log(
  `complete generar flows/s through the proxy: 1 replica ${f1(results.flows1)}, 2 replicas ${f1(results.flows2)} (× ${(results.flows2 / results.flows1).toFixed(2)}; ${FLOWS} flows, 8 at once, same machine)`,
);
for (const [label, r] of [
  ['SHUTDOWN_DELAY_SECONDS=0', results.rollingNoDelay],
  ['SHUTDOWN_DELAY_SECONDS=1', results.rollingDelay],
]) {
  console.log(
    `rolling restart under load, ${label} (${f1(r.seconds)} s, 8 clients, BUSCAR + GET /v1/config): ${r.ok} ok, ${r.failed} failed ${JSON.stringify(r.statuses)}; the proxy passed ${r.retried} undelivered request(s) to the other replica`,
  );
  for (const [i, x] of r.restarts.entries())
    console.log(
      `  replica ${i + 1}: SIGTERM → in-flight requests finished ${x.drainMs} ms after the port closed, exit ${x.exit}; its replacement listened after ${x.startMs} ms`,
    );
}
console.log(
  `20 wrong answers at once over both replicas: statuses ${results.attempts.statuses}; failures counted ${results.attempts.counted}`,
);
console.log(
  `RATE_LIMIT_IP_PER_MINUTE=30, 40 requests from one IP alternating replicas (shared Redis): ${results.sharedLimit.admitted} admitted, ${results.sharedLimit.refused} refused`,
);
