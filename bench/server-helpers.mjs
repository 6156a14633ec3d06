/**
 * What the server benchmarks share: captcha proofs minted with the server's secret, valid
 * cédulas, a registry of generar affiliates, the built server as a child process, and one
 * complete generar flow (BUSCAR → verification → 3 security answers → e-mail → link → completion).
 */
import { spawn } from 'node:child_process';
import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../', import.meta.url));
export const cli = join(root, 'dist/server/cli.js');
export const SECRET = randomBytes(36).toString('base64url');
export const MAX_NUMBER = 1000;
export const EMPLOYER = 'EMPRESA DE PRUEBAS DE CARGA S.A.';

export function captcha() {
  const salt = `${randomBytes(12).toString('hex')}?expires=${Math.floor(Date.now() / 1000) + 300}`;
  const number = randomInt(0, MAX_NUMBER + 1);
  const challenge = createHash('sha256')
    .update(salt + number)
    .digest('hex');
  const signature = createHmac('sha256', SECRET).update(challenge).digest('hex');
  return Buffer.from(JSON.stringify({ algorithm: 'SHA-256', challenge, number, salt, signature })).toString('base64');
}

export function cedula(province, n) {
  const first9 = String(province).padStart(2, '0') + '1' + String(n).padStart(6, '0');
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(first9[i]) * (i % 2 === 0 ? 2 : 1);
    if (d >= 10) d -= 9;
    sum += d;
  }
  return first9 + ((10 - (sum % 10)) % 10);
}

/** Test mode, generous rate limits, the benchmark's secret; `extra` wins. */
export function env(extra) {
  return {
    ...process.env,
    IESS_TEST_MODE: '1',
    SECRET,
    PORT: '0',
    LOG_LEVEL: 'silent',
    ALTCHA_MAX_NUMBER: String(MAX_NUMBER),
    RATE_LIMIT_IP_PER_MINUTE: '1000000',
    RATE_LIMIT_ID_PER_HOUR: '1000000',
    RATE_LIMIT_DESTINATION_PER_HOUR: '1000000',
    RATE_LIMIT_GLOBAL_PER_MINUTE: '10000000',
    SMTP_URL: '',
    REDIS_URL: '',
    ...extra,
  };
}

/** Runs a CLI command to its end (`import`, `migrate`). */
export function run(args, extra) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env: env(extra), stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.resume();
    child.on('exit', (code) => (code === 0 || code === 1 ? resolve(code) : reject(new Error(`${args[0]} exited ${code}`))));
  });
}

/** `serve` as a child process; resolves once it listens. stop() sends SIGTERM and resolves with its output. */
export function startServer(extra) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, 'serve'], { env: env(extra), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const collect = (c) => {
      out += c;
      const m = /iess-clave listening on (http:\/\/[\d.:]+)/.exec(out);
      if (m && !resolved) {
        resolved = true;
        resolve({
          url: m[1],
          port: Number(new URL(m[1]).port),
          pid: child.pid,
          startMs: performance.now() - started,
          output: () => out,
          stop: () => new Promise((r) => (child.once('exit', (code) => r({ code, output: out })), child.kill('SIGTERM'))),
        });
      }
    };
    let resolved = false;
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => {
      if (!resolved) reject(new Error(`serve exited ${code}: ${out}`));
    });
  });
}

export const call = async (url, method, path, body, headers = {}) => {
  const res = await fetch(url + path, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() };
};

/** A registry of generar affiliates, one per benchmark flow (province 18). */
export function registryCsv(n) {
  const rows = ['idType,id,kind,givenNames,surnames,birthDay,birthMonth,email,employers,firstContributionYear'];
  for (let i = 0; i < n; i++) rows.push(`cedula,${cedula(18, i)},affiliate,PERSONA,CARGA,10,10,carga${i}@example.com,${EMPLOYER},2001`);
  return rows.join('\n');
}

/** One complete generar flow for affiliate i; readLink(address) returns the activation link's token when the mail has arrived. */
export async function completeFlow(url, i, readLink) {
  const id = cedula(18, i);
  const start = await call(url, 'POST', '/v1/flows', { idType: 'cedula', id, captcha: captcha() });
  if (start.status !== 201) throw new Error(`BUSCAR ${start.status}`);
  const auth = { authorization: `Bearer ${start.body.flowToken}` };
  const answers = start.body.verification.questions.map((q) => ({
    questionId: q.id,
    answer: q.options.find((o) => o.label === (q.id === 'empleador' ? EMPLOYER : '2001')).value,
  }));
  const v = await call(url, 'POST', '/v1/flows/current/verification', { birthDay: 10, birthMonth: 10, answers }, auth);
  if (v.status !== 200) throw new Error(`verify ${v.status}`);
  const q = await call(
    url,
    'POST',
    '/v1/flows/current/security-questions',
    {
      answers: [
        { questionId: 'amigo-infancia', answer: `Amigo ${i} de la escuela` },
        { questionId: 'calle-diez-anos', answer: `Calle ${i} y Colón` },
        { questionId: 'plato-infancia', answer: 'Fanesca de Semana Santa' },
      ],
    },
    auth,
  );
  if (q.status !== 200) throw new Error(`questions ${q.status}`);
  const e = await call(url, 'POST', '/v1/flows/current/email', { mode: 'on-record' }, auth);
  if (e.status !== 202) throw new Error(`email ${e.status}`);
  let token;
  for (let tries = 0; !token && tries < 500; tries++) {
    token = await readLink(`carga${i}@example.com`);
    if (!token) await new Promise((r) => setTimeout(r, 20));
  }
  if (!token) throw new Error('no mail');
  const password = `montañas del sur lejano ${i}`;
  const c = await call(url, 'POST', '/v1/activation/complete', {
    token,
    declarationAccepted: true,
    declarationVersion: '2025-01',
    password,
    passwordConfirmation: password,
  });
  if (c.status !== 200) throw new Error(`complete ${c.status}`);
}

/** count complete flows with `concurrency` at once; flows per second. */
export async function flowsPerSecond(url, count, readLink, concurrency = 8, first = 0) {
  let next = first;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < first + count) await completeFlow(url, next++, readLink);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}
