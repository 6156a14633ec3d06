#!/usr/bin/env node
/**
 * Load benchmark of the reference backend (bench/server-load.mjs).
 *
 * Starts the BUILT server (`npm run build:server` first) as a child process in test mode with
 * generous rate limits, then measures with autocannon: a bare route (/health), GET /v1/config,
 * POST /v1/flows (BUSCAR, fresh captcha proofs), POST …/verification (four wrong answers per flow,
 * never a locked subject's; its argon2 verifications per request counted), and complete *generar*
 * flows per second (BUSCAR → verification → 3 security answers → e-mail → link from this process's
 * SMTP catcher → completion: 4 argon2 hashes); last, wrong answers for the affiliates those flows
 * made *recuperar* (two text questions: two argon2 verifications per request). Node 22.18+
 * (it imports the catcher's TypeScript source; `source .ci/node.sh` gives Node 24). It also measures how many
 * argon2id hashes per second this machine does with the server's parameters, and from that the
 * flows per second hashing alone would allow. PGlite always; PostgreSQL too when
 * BENCH_DATABASE_URL is set.
 *
 * Complete flows are measured after a warm-up (--warmup flows: V8 compiles in the background for
 * the first few dozen), in --rounds rounds; right before each round the argon2 bound is measured
 * with the server's own ARGON2_CONCURRENCY (read from the environment, default 2, and passed to
 * the server). During each round the server's CPU is read from /proc by thread — main thread,
 * libuv pool (argon2id runs there), V8 background, other — and its argon2 calls from /metrics, so
 * each flow's CPU is accounted, not inferred from wall time. The database's own CPU is the main
 * thread's on PGlite; a PostgreSQL on this machine is read apart, from its processes in /proc.
 *
 *   node bench/server-load.mjs [--seconds 5] [--connections 8] [--flows 40] [--warmup 20] [--rounds 3] [--routes-only]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import autocannon from 'autocannon';
import pg from 'pg';
import { startSmtpCatcher } from '../server/mail/smtp-catcher.ts';
import { call, captcha, cedula, flowsPerSecond as flowsAtOnce, registryCsv, run, startServer } from './server-helpers.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 5);
const FLOWS = arg('flows', 40);
const WARMUP = arg('warmup', 20);
const ROUNDS = arg('rounds', 3);
const CONNECTIONS = arg('connections', 8);
/** --routes-only: the per-route latencies alone (no wrong verifications, no complete flows). */
const ROUTES_ONLY = process.argv.includes('--routes-only');
/** The server's argon2 pool size: read, never assumed (the bound depends on it). */
const ARGON2_CONCURRENCY = Number(process.env.ARGON2_CONCURRENCY ?? 2);
/** Named prepared statements (PostgreSQL and PGlite): on unless the environment turns them off (server/config.ts). */
const PREPARED_STATEMENTS = process.env.DATABASE_PREPARED_STATEMENTS ?? '1';
const METRICS_TOKEN = randomBytes(24).toString('hex');
const CLOCK_TICKS = 100; // USER_HZ on Linux (getconf CLK_TCK)
const HASHES_PER_FLOW = 4; // 3 security answers + the password (generar)

/**
 * The mail goes out over SMTP to a catcher in THIS process, as a production server's goes to its
 * relay: the server pays for sending (its SMTP client), not for receiving, parsing and serving an
 * inbox that is polled every 20 ms — before, its built-in catcher and /dev/inbox counted as flow cost.
 */
const catcher = await startSmtpCatcher(0, 1000);
const caughtLink = async (to) => {
  const mail = (await catcher.messages()).find((m) => m.to === to && m.subject === 'ACTIVACIÓN CLAVE');
  return mail?.links[0]?.split('#token=')[1];
};

// ---------------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------------

/** One route under load; `pid` given, the server's CPU per answered request too (all its threads), and with `database` PostgreSQL's (its processes on this machine). */
async function cannon(url, opts, pid, database = false) {
  const cpu = () => (pid ? Object.values(cpuByThread(pid)).reduce((a, b) => a + b, 0) : 0);
  const cpu0 = cpu();
  const db0 = database ? databaseCpu() : undefined;
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...opts });
  const ok = r['2xx'] ?? 0;
  const perRequest = (seconds) => (pid && r.requests.total ? (seconds * 1000) / r.requests.total : NaN);
  const cpuMs = perRequest(cpu() - cpu0);
  const dbMs = perRequest(databaseCpuSince(db0));
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, ok, non2xx: r.non2xx, errors: r.errors, cpuMs, dbMs };
}

async function argon2PerSecond() {
  const params = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
  let done = 0;
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: ARGON2_CONCURRENCY }, async () => {
      while (performance.now() < until) {
        await hash(`clave ${done}`, params);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/** CPU seconds of each thread of process `pid` so far, grouped: main, pool (libuv: argon2id), v8 (background compiler/GC), other. */
function cpuByThread(pid) {
  const groups = { main: 0, pool: 0, v8: 0, other: 0 };
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime + stime
    const group = tid === String(pid) ? 'main' : name.startsWith('libuv-worker') ? 'pool' : /^V8|^DelayedTask/.test(name) ? 'v8' : 'other';
    groups[group] += seconds;
  }
  return groups;
}

/**
 * CPU seconds of every PostgreSQL process on this machine so far, by process (pid and start time,
 * so a reused pid is another process): a backend per pooled connection, and the writers and the
 * checkpointer its writes wake. On a quiet machine that is the database's work for the server; a
 * backend that ends between two readings takes its CPU with it.
 */
function databaseCpu() {
  const byProcess = new Map();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // the process ended
    }
    if (!stat.startsWith(`${pid} (postgres)`)) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    byProcess.set(`${pid}@${fields[19]}`, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS); // utime + stime; starttime
  }
  return byProcess;
}
/** CPU seconds PostgreSQL spent since `before` (NaN when it was not read, or no postgres process is visible: another pid namespace). */
function databaseCpuSince(before) {
  if (!before?.size) return NaN;
  return [...databaseCpu()].reduce((sum, [process, seconds]) => sum + seconds - (before.get(process) ?? 0), 0);
}

/** argon2id calls so far, from the server's /metrics. */
async function argon2Calls(url) {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const count = (op) => Number(new RegExp(`^iess_argon2_duration_seconds_count\\{op="${op}"\\} (\\S+)`, 'm').exec(text)?.[1] ?? 0);
  return { hash: count('hash'), verify: count('verify') };
}

/** Complete flows in rounds after a warm-up, each round with its bound measured just before and its CPU accounted by thread. */
async function flowRounds(server, database) {
  await flowsAtOnce(server.url, WARMUP, caughtLink, 8, 0);
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const hashes = await argon2PerSecond();
    const cpu0 = cpuByThread(server.pid);
    const db0 = database ? databaseCpu() : undefined;
    const calls0 = await argon2Calls(server.url);
    const flows = await flowsAtOnce(server.url, FLOWS, caughtLink, 8, WARMUP + round * FLOWS);
    const cpu1 = cpuByThread(server.pid);
    const dbMs = (databaseCpuSince(db0) * 1000) / FLOWS;
    const calls1 = await argon2Calls(server.url);
    const perFlowMs = Object.fromEntries(Object.keys(cpu1).map((k) => [k, ((cpu1[k] - cpu0[k]) * 1000) / FLOWS]));
    const totalMs = Object.values(perFlowMs).reduce((a, b) => a + b, 0);
    rounds.push({
      flows,
      bound: hashes / HASHES_PER_FLOW,
      hashes,
      perFlowMs,
      totalMs,
      argon2Share: perFlowMs.pool / totalMs,
      dbMs,
      argon2ShareWithDatabase: perFlowMs.pool / (totalMs + dbMs),
      callsPerFlow: (calls1.hash - calls0.hash + calls1.verify - calls0.verify) / FLOWS,
    });
  }
  return rounds;
}

/** BUSCAR for each identification (checking each flow's case when `expected` is given): each flow's token and its challenge's question ids. */
async function openFlows(url, ids, expected) {
  const flows = [];
  for (const id of ids) {
    const f = await call(url, 'POST', '/v1/flows', { idType: 'cedula', id, captcha: captcha() });
    if (f.status !== 201) throw new Error(`BUSCAR for the wrong verifications answered ${f.status}`);
    if (expected && f.body.case !== expected) throw new Error(`BUSCAR opened a ${f.body.case} flow, not ${expected}`);
    flows.push({ token: f.body.flowToken, questionIds: f.body.verification.questions.map((q) => q.id) });
  }
  return flows;
}

/**
 * Four wrong answers to each flow's challenge, each subject's first four (5 attempts lock it): as
 * many requests as that, never more, so none is a lock's cheap refusal. Its argon2id verifications
 * per request are read from /metrics: one per text question the challenge shows (choice questions
 * cost none).
 */
async function wrongVerifications(url, flows, pid, database) {
  let k = 0;
  const verifications0 = (await argon2Calls(url)).verify;
  const result = await cannon(
    url,
    {
      amount: flows.length * 4,
      requests: [
        {
          method: 'POST',
          path: '/v1/flows/current/verification',
          setupRequest: (req) => {
            const flow = flows[Math.floor(k++ / 4) % flows.length];
            return {
              ...req,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${flow.token}` },
              body: JSON.stringify({
                birthDay: 1,
                birthMonth: 1,
                answers: flow.questionIds.map((questionId) => ({ questionId, answer: 'x' })),
              }),
            };
          },
        },
      ],
    },
    pid,
    database,
  );
  result.argon2PerRequest = ((await argon2Calls(url)).verify - verifications0) / Math.max(1, result.ok + result.non2xx);
  return result;
}

/** `database`: PostgreSQL runs on this machine, so its processes' CPU is read too (PGlite's is the main thread's). */
async function measure(label, extra, database = false) {
  extra = { ...extra, SMTP_URL: catcher.url };
  catcher.clear(); // the same addresses in each database's run: no link of the run before

  await run(['import', join(extra.__dir, 'registry.csv')], extra);
  const server = await startServer(extra);
  const { url } = server;
  try {
    const results = {};
    results['GET /health (bare)'] = await cannon(`${url}/health`, {}, server.pid, database);
    results['GET /v1/config'] = await cannon(`${url}/v1/config`, {}, server.pid, database);
    let n = 0;
    results['POST /v1/flows'] = await cannon(
      url,
      {
        requests: [
          {
            method: 'POST',
            path: '/v1/flows',
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify({ idType: 'cedula', id: cedula(20, n++ % 900000), captcha: captcha() }),
            }),
          },
        ],
      },
      server.pid,
      database,
    );
    if (ROUTES_ONLY) return { label, results, rounds: [] };
    // Pre-open flows for unknown identifications (decoys: their case mimics the registry's, here
    // generar; until 2026-12-06 only recuperar ones were kept, none came, and every request of this
    // row carried no token).
    const decoys = await openFlows(
      url,
      Array.from({ length: 400 }, (_, i) => cedula(21, i)),
    );
    const generar = await wrongVerifications(url, decoys, server.pid, database);
    results[`POST …/verification (wrong, ${generar.argon2PerRequest.toFixed(1)} argon2)`] = generar;
    const rounds = await flowRounds(server, database);
    // Every affiliate whose flow completed now has a password and security answers: a BUSCAR for
    // them opens a recuperar flow, whose challenge asks two of those answers (text, one argon2id
    // verification each, right or wrong): what a stranger guessing them costs the server.
    const completed = Array.from({ length: WARMUP + ROUNDS * FLOWS }, (_, i) => cedula(18, i));
    const recuperar = await wrongVerifications(url, await openFlows(url, completed, 'recuperar'), server.pid, database);
    results[`POST …/verification (wrong recuperar, ${recuperar.argon2PerRequest.toFixed(1)} argon2)`] = recuperar;
    return { label, results, rounds };
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'iess-clave-bench-'));
writeFileSync(join(dir, 'registry.csv'), registryCsv(WARMUP + ROUNDS * FLOWS));
const runs = [];
try {
  runs.push(
    await measure('PGlite', {
      __dir: dir,
      DATA_DIR: join(dir, 'pglite'),
      DATABASE_URL: '',
      ARGON2_CONCURRENCY: String(ARGON2_CONCURRENCY),
      METRICS_TOKEN,
    }),
  );
  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (pgUrl) {
    const schema = `bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const u = new URL(pgUrl);
    u.searchParams.set('options', `-c search_path=${schema}`);
    try {
      runs.push(
        await measure(
          'PostgreSQL',
          {
            __dir: dir,
            DATABASE_URL: u.toString(),
            ARGON2_CONCURRENCY: String(ARGON2_CONCURRENCY),
            METRICS_TOKEN,
          },
          ['127.0.0.1', 'localhost', '[::1]', ''].includes(u.hostname),
        ),
      );
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  await catcher.close();
}

const f1 = (x) => x.toFixed(1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `\niess-clave server load (${SECONDS} s per route, ${CONNECTIONS} connections; ${WARMUP} warm-up flows, then ${ROUNDS} rounds of ${FLOWS}; ARGON2_CONCURRENCY=${ARGON2_CONCURRENCY}; DATABASE_PREPARED_STATEMENTS=${PREPARED_STATEMENTS}; Node ${process.version})`,
);
for (const r of runs) {
  const bare = r.results['GET /health (bare)'].rps;
  console.log(`\n${r.label}`);
  console.log(
    'route'.padEnd(42) +
      'req/s'.padStart(9) +
      'p50 ms'.padStart(9) +
      'p99 ms'.padStart(9) +
      '  ×bare'.padStart(9) +
      '  p99 ×bare' +
      '  non-2xx  errors' +
      '  server CPU ms/req' +
      (Object.values(r.results).some((m) => Number.isFinite(m.dbMs)) ? '  database CPU ms/req' : ''),
  );
  const bareP99 = r.results['GET /health (bare)'].p99;
  for (const [name, m] of Object.entries(r.results)) {
    console.log(
      name.padEnd(42) +
        f1(m.rps).padStart(9) +
        String(m.p50).padStart(9) +
        String(m.p99).padStart(9) +
        (m.rps / bare).toFixed(3).padStart(9) +
        (m.p99 / Math.max(1, bareP99)).toFixed(2).padStart(11) +
        `  ${String(m.non2xx).padStart(7)}  ${String(m.errors).padStart(6)}` +
        (Number.isNaN(m.cpuMs ?? NaN) ? '' : m.cpuMs.toFixed(2).padStart(19)) +
        (Number.isNaN(m.dbMs ?? NaN) ? '' : m.dbMs.toFixed(2).padStart(21)),
    );
  }
  if (!r.rounds.length) continue;
  console.log('complete generar flows, per round (bound = argon2id hashes/s measured just before, ÷ 4 hashes per flow):');
  console.log(
    'round'.padEnd(7) +
      'flows/s'.padStart(9) +
      'bound'.padStart(8) +
      '×bound'.padStart(8) +
      '  CPU ms/flow: total  main  pool(argon2)  v8  other' +
      '  argon2 share' +
      '  argon2 calls/flow' +
      (r.rounds.some((x) => Number.isFinite(x.dbMs)) ? '  database  share with it' : ''),
  );
  r.rounds.forEach((x, i) => {
    const p = x.perFlowMs;
    console.log(
      String(i + 1).padEnd(7) +
        f1(x.flows).padStart(9) +
        f1(x.bound).padStart(8) +
        (x.flows / x.bound).toFixed(2).padStart(8) +
        `  ${f1(x.totalMs).padStart(18)} ${f1(p.main).padStart(5)} ${f1(p.pool).padStart(13)} ${f1(p.v8).padStart(4)} ${f1(p.other).padStart(6)}` +
        x.argon2Share.toFixed(2).padStart(14) +
        x.callsPerFlow.toFixed(1).padStart(19) +
        (Number.isNaN(x.dbMs) ? '' : `${f1(x.dbMs).padStart(10)}${x.argon2ShareWithDatabase.toFixed(2).padStart(15)}`),
    );
  });
  const m = (k) => median(r.rounds.map(k));
  console.log(
    `median: ${f1(m((x) => x.flows))} flows/s = ${m((x) => x.flows / x.bound).toFixed(2)} × argon2 bound; ${f1(m((x) => x.totalMs))} ms CPU per flow, argon2 share ${m((x) => x.argon2Share).toFixed(2)}, non-argon2 ${f1(m((x) => x.totalMs - x.perFlowMs.pool))} ms per flow` +
      (Number.isNaN(r.rounds[0].dbMs)
        ? ''
        : `; the database ${f1(m((x) => x.dbMs))} ms more per flow (argon2 share of server and database ${m((x) => x.argon2ShareWithDatabase).toFixed(2)})`),
  );
}
