#!/usr/bin/env node
/**
 * Load benchmark of the reference backend (bench/server-load.mjs).
 *
 * Starts the BUILT server (`npm run build:server` first) as a child process in test mode with
 * generous rate limits, then measures with autocannon: a bare route (/health), GET /v1/config,
 * POST /v1/flows (BUSCAR, fresh captcha proofs), POST …/verification (wrong answers: 2 argon2
 * verifications each), and complete *generar* flows per second (BUSCAR → verification → 3 security
 * answers → e-mail → link from the inbox → completion: 4 argon2 hashes). It also measures how many
 * argon2id hashes per second this machine does with the server's parameters, and from that the
 * flows per second hashing alone would allow. PGlite always; PostgreSQL too when
 * BENCH_DATABASE_URL is set.
 *
 *   node bench/server-load.mjs [--seconds 5] [--flows 40]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import autocannon from 'autocannon';
import pg from 'pg';
import { call, captcha, cedula, flowsPerSecond as flowsAtOnce, registryCsv, run, startServer } from './server-helpers.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 5);
const FLOWS = arg('flows', 40);
const CONNECTIONS = 8;

/** The link from the development inbox of the server at url. */
const inboxLink = (url) => async (to) => {
  const inbox = (await call(url, 'GET', `/dev/inbox/api?to=${encodeURIComponent(to)}`)).body;
  return inbox.find((m) => m.to === to && m.subject === 'ACTIVACIÓN CLAVE')?.links[0]?.split('#token=')[1];
};

// ---------------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------------

async function cannon(url, opts) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...opts });
  const ok = r['2xx'] ?? 0;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, ok, non2xx: r.non2xx, errors: r.errors };
}

const flowsPerSecond = (url, count) => flowsAtOnce(url, count, inboxLink(url));

async function argon2PerSecond() {
  const params = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
  let done = 0;
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: 2 }, async () => {
    while (performance.now() < until) {
      await hash(`clave ${done}`, params);
      done++;
    }
  }));
  return done / ((performance.now() - started) / 1000);
}

async function measure(label, extra) {
  await run(['import', join(extra.__dir, 'registry.csv')], extra);
  const server = await startServer(extra);
  const { url } = server;
  try {
    const results = {};
    results['GET /health (bare)'] = await cannon(`${url}/health`, {});
    results['GET /v1/config'] = await cannon(`${url}/v1/config`, {});
    let n = 0;
    results['POST /v1/flows'] = await cannon(url, {
      requests: [{ method: 'POST', path: '/v1/flows', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: JSON.stringify({ idType: 'cedula', id: cedula(20, n++ % 900000), captcha: captcha() }) }) }],
    });
    // Pre-open flows for decoys; each takes wrong answers (2 argon2 each for a recuperar decoy).
    const tokens = [];
    for (let i = 0; tokens.length < 400 && i < 4000; i++) {
      const f = await call(url, 'POST', '/v1/flows', { idType: 'cedula', id: cedula(21, i), captcha: captcha() });
      if (f.body.case === 'recuperar') tokens.push(f.body.flowToken);
    }
    let k = 0;
    results['POST …/verification (wrong, 2 argon2)'] = await cannon(url, {
      requests: [{ method: 'POST', path: '/v1/flows/current/verification', setupRequest: (req) => ({ ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[Math.floor(k++ / 4) % tokens.length]}` }, body: JSON.stringify({ birthDay: 1, birthMonth: 1, answers: [{ questionId: 'amigo-infancia', answer: 'x' }, { questionId: 'primer-jefe', answer: 'y' }] }) }) }],
    });
    const flows = await flowsPerSecond(url, FLOWS);
    // The hashing bound is measured in the same run, right after, on the same (shared) machine.
    const hashes = await argon2PerSecond();
    return { label, results, flows, hashes };
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'iess-clave-bench-'));
writeFileSync(join(dir, 'registry.csv'), registryCsv(FLOWS));
const runs = [];
try {
  runs.push(await measure('PGlite', { __dir: dir, DATA_DIR: join(dir, 'pglite'), DATABASE_URL: '' }));
  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (pgUrl) {
    const schema = `bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const u = new URL(pgUrl);
    u.searchParams.set('options', `-c search_path=${schema}`);
    try {
      runs.push(await measure('PostgreSQL', { __dir: dir, DATABASE_URL: u.toString() }));
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const HASHES_PER_FLOW = 4; // 3 security answers + the password (generar)

const f1 = (x) => x.toFixed(1);
console.log(`\niess-clave server load (${SECONDS} s per route, ${CONNECTIONS} connections, ${FLOWS} complete flows, Node ${process.version})`);
for (const r of runs) {
  const bare = r.results['GET /health (bare)'].rps;
  console.log(`\n${r.label}`);
  console.log('route'.padEnd(42) + 'req/s'.padStart(9) + 'p50 ms'.padStart(9) + 'p99 ms'.padStart(9) + '  ×bare'.padStart(9) + '  non-2xx');
  for (const [name, m] of Object.entries(r.results)) {
    console.log(name.padEnd(42) + f1(m.rps).padStart(9) + String(m.p50).padStart(9) + String(m.p99).padStart(9) + (m.rps / bare).toFixed(3).padStart(9) + `  ${m.non2xx}`);
  }
  const bound = r.hashes / HASHES_PER_FLOW;
  const verify = r.results['POST …/verification (wrong, 2 argon2)'].rps;
  console.log(`complete generar flows/s: ${f1(r.flows)}  (= ${(r.flows / bare).toFixed(4)} × bare route, ${(r.flows / bound).toFixed(2)} × argon2 bound)`);
  console.log(`argon2id m=19456 t=2 p=1, 2 in parallel: ${f1(r.hashes)} hashes/s -> bound ${f1(bound)} generar flows/s (${HASHES_PER_FLOW} hashes per flow); wrong verifications use ${((verify * 2) / r.hashes).toFixed(2)} of it`);
}
