// The HTTP client against a REAL node:http server on 127.0.0.1 (port 0): every way an answer can
// go wrong must come out as one typed RecoveryApiError, and POSTs must go out exactly once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHttpRecoveryApi, parseRetryAfter } from '../../widget/api/http-recovery-api.ts';
import { newIdempotencyKey, RecoveryApiError, type RecoveryApi } from '../../widget/api/recovery-api.ts';
import { PROBLEM_KINDS, type ProblemKind } from '../../widget/api/contract.ts';
import { FIXTURE_FLOW_TOKEN, fixtures, problemsByKind } from '../fixtures/api/index.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void;

let server: Server;
let origin: string;
let handler: Handler;
let seen: Seen[];
const sockets = new Set<Socket>();

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
const problem =
  (body: { status: number; [key: string]: unknown }, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(body.status, { 'content-type': 'application/problem+json', ...headers });
    res.end(JSON.stringify(body));
  };
const raw =
  (status: number, contentType: string, body: string, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': contentType, ...headers });
    res.end(body);
  };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const record = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(record);
      handler(req, res, record);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
  handler = (_req, res) => {
    res.writeHead(500);
    res.end('no handler');
  };
});

const api = (extra: Partial<Parameters<typeof createHttpRecoveryApi>[0]> = {}): RecoveryApi =>
  createHttpRecoveryApi({ baseUrl: origin, timeoutMs: 5_000, retryDelayMs: 1, ...extra });

async function failure(promise: Promise<unknown>): Promise<RecoveryApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RecoveryApiError);
  return error as RecoveryApiError;
}

const startBody = { idType: 'cedula', id: '1712345675', captcha: 'eyJhbGdvcml0aG0iOiJTSEEtMjU2In0=' } as const;
const verifyBody = { birthDay: 14, birthMonth: 3, answers: [{ questionId: 'sq-mascota', answer: 'Firulais' }] };
const flow = { flowToken: FIXTURE_FLOW_TOKEN };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('successful calls', () => {
  it('GET /v1/config: parsed with the contract, Accept JSON, no token, no idempotency key', async () => {
    handler = json(200, fixtures.getConfig.default);
    const config = await api().getConfig();
    expect(config).toEqual(fixtures.getConfig.default);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/v1/config' });
    expect(seen[0]!.headers['accept']).toBe('application/json');
    expect(seen[0]!.headers['authorization']).toBeUndefined();
    expect(seen[0]!.headers['idempotency-key']).toBeUndefined();
  });

  it('honours a base URL with a path prefix', async () => {
    handler = json(200, fixtures.getCaptchaChallenge.default);
    await api({ baseUrl: `${origin}/api/` }).getCaptchaChallenge();
    await api({ baseUrl: `${origin}/api` }).getCaptchaChallenge();
    expect(seen.map((s) => s.url)).toEqual(['/api/v1/captcha/challenge', '/api/v1/captcha/challenge']);
  });

  it('POST /v1/flows (CS-12): sent once, JSON body, a fresh UUID Idempotency-Key per call', async () => {
    handler = json(201, fixtures.startFlow.recuperar);
    const client = api();
    expect(await client.startFlow(startBody)).toEqual(fixtures.startFlow.recuperar);
    await client.startFlow(startBody);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/flows' });
    expect(JSON.parse(seen[0]!.body)).toEqual(startBody);
    expect(seen[0]!.headers['content-type']).toMatch(/^application\/json/);
    const keys = seen.map((s) => s.headers['idempotency-key']);
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toMatch(UUID);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('reuses the caller idempotency key when the person retries the same action (CS-12)', async () => {
    handler = json(200, fixtures.verify.recuperar);
    await api().verify(verifyBody, { ...flow, idempotencyKey: 'accion-42' });
    expect(seen[0]!.headers['idempotency-key']).toBe('accion-42');
  });

  it('flow calls carry the bearer token', async () => {
    handler = (req, res) => {
      const map: Record<string, unknown> = {
        '/v1/flows/current': fixtures.getFlowStatus.activationSent,
        '/v1/flows/current/verification': fixtures.verify.generar,
        '/v1/flows/current/security-questions': fixtures.setSecurityQuestions.default,
        '/v1/flows/current/email': fixtures.sendActivation.onRecord,
        '/v1/flows/current/email/resend': fixtures.resendActivation.default,
      };
      json(200, map[req.url ?? ''])(req, res, seen.at(-1)!);
    };
    const client = api();
    await client.getFlowStatus(flow);
    await client.verify(verifyBody, flow);
    await client.setSecurityQuestions({ answers: verifyBody.answers }, flow);
    await client.sendActivation({ mode: 'on-record' }, flow);
    await client.resendActivation(flow);
    expect(seen).toHaveLength(5);
    for (const s of seen) expect(s.headers['authorization']).toBe(`Bearer ${FIXTURE_FLOW_TOKEN}`);
    // Every state-changing POST has a key; the GET has none.
    expect(seen.filter((s) => s.headers['idempotency-key'] !== undefined).map((s) => s.method)).toEqual(['POST', 'POST', 'POST', 'POST']);
    expect(seen[4]!.body).toBe('{}');
  });

  it('activation calls: no bearer token; the token travels in the body', async () => {
    handler = (req, res, s) =>
      json(200, req.url === '/v1/activation/check' ? fixtures.checkActivation.generar : fixtures.completeActivation.generar)(req, res, s);
    const client = api();
    await client.checkActivation({ token: 'YWN0aXZhdGlvbi10b2tlbi1mb3ItdGVzdHMtb25seQ' });
    await client.completeActivation({
      token: 'YWN0aXZhdGlvbi10b2tlbi1mb3ItdGVzdHMtb25seQ',
      declarationAccepted: true,
      declarationVersion: '2026-01',
      password: 'caballo correcto batería',
      passwordConfirmation: 'caballo correcto batería',
    });
    expect(JSON.parse(seen[0]!.body)).toEqual({ token: 'YWN0aXZhdGlvbi10b2tlbi1mb3ItdGVzdHMtb25seQ' });
    expect(seen.map((s) => s.headers['authorization'])).toEqual([undefined, undefined]);
    expect(seen[1]!.headers['idempotency-key']).toMatch(UUID);
  });

  it('uses an injected fetch', async () => {
    const calls: string[] = [];
    const client = api({
      fetch: async (input, init) => {
        calls.push(input instanceof Request ? input.url : String(input));
        return fetch(input, init);
      },
    });
    handler = json(200, fixtures.getConfig.default);
    await client.getConfig();
    expect(calls).toEqual([`${origin}/v1/config`]);
  });
});

describe('answers that are not the contract → bad-response', () => {
  it('an HTML 502 page from a proxy', async () => {
    handler = raw(502, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>');
    const error = await failure(api().startFlow(startBody));
    expect(error.kind).toBe('bad-response');
    expect(error.status).toBe(502);
    expect(error.problem).toBeUndefined();
    expect(seen).toHaveLength(1);
  });

  it('truncated JSON with status 200', async () => {
    handler = raw(200, 'application/json', JSON.stringify(fixtures.getConfig.default).slice(0, 80));
    const error = await failure(api().getConfig());
    expect(error.kind).toBe('bad-response');
    expect(error.status).toBe(200);
  });

  it('valid JSON of the wrong shape', async () => {
    handler = json(201, { ...fixtures.startFlow.recuperar, case: 'otro' });
    expect((await failure(api().startFlow(startBody))).kind).toBe('bad-response');
    handler = json(200, { hello: 'world' });
    expect((await failure(api().getConfig())).kind).toBe('bad-response');
  });

  it('a 2xx HTML page (a captive portal)', async () => {
    handler = raw(200, 'text/html', '<!doctype html><title>Wi-Fi</title>');
    expect((await failure(api().getConfig())).kind).toBe('bad-response');
  });

  it('a problem document with an unknown type and a status no operation expects', async () => {
    handler = problem({ ...problemsByKind.server, type: 'urn:other:forbidden', status: 403 });
    expect((await failure(api().getConfig())).kind).toBe('bad-response');
  });
});

describe('problem documents → their kind', () => {
  it.each(PROBLEM_KINDS.map((k) => [k]))('%s', async (kind: ProblemKind) => {
    const doc = problemsByKind[kind];
    handler = problem(doc);
    const error = await failure(api().verify(verifyBody, flow));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(doc.status);
    expect(error.problem).toEqual(doc);
    expect(error.message).toBe(doc.title);
    expect(seen).toHaveLength(1);
  });

  it('a 500 problem on a POST: kind server, sent once', async () => {
    handler = problem(problemsByKind.server);
    const error = await failure(api().sendActivation({ mode: 'new', email: 'juan@gmail.com' }, flow));
    expect(error.kind).toBe('server');
    expect(error.now).toBe(problemsByKind.server.now);
    expect(seen).toHaveLength(1);
  });

  it('exposes attemptsLeft, lockedUntil, expiresAt and fieldErrors', async () => {
    handler = problem(problemsByKind['verification-failed']);
    expect((await failure(api().verify(verifyBody, flow))).attemptsLeft).toBe(3);
    handler = problem(problemsByKind.locked);
    expect((await failure(api().verify(verifyBody, flow))).lockedUntil).toBe(problemsByKind.locked.lockedUntil);
    handler = problem(problemsByKind['link-expired']);
    expect((await failure(api().checkActivation({ token: 'x'.repeat(43) }))).expiresAt).toBe(problemsByKind['link-expired'].expiresAt);
    handler = problem(problemsByKind['password-rejected']);
    expect((await failure(api().checkActivation({ token: 'x'.repeat(43) }))).fieldErrors).toEqual({ password: ['weak'] });
  });

  it('an unknown type URN falls back to the operation’s kind for that status', async () => {
    const unknown = { ...problemsByKind['flow-invalid'], type: 'urn:iess-clave:problem:nuevo-tipo' };
    handler = problem(unknown);
    expect((await failure(api().getFlowStatus(flow))).kind).toBe('flow-invalid');
    handler = problem({ ...unknown, status: 422 });
    expect((await failure(api().verify(verifyBody, flow))).kind).toBe('verification-failed');
    handler = problem({ ...unknown, status: 410 });
    expect((await failure(api().checkActivation({ token: 'x'.repeat(43) }))).kind).toBe('link-expired');
    handler = problem({ ...unknown, status: 599 });
    expect((await failure(api().getConfig())).kind).toBe('server');
  });
});

describe('429 → rate-limited with retryAfter', () => {
  it('takes retryAfter from the body when present', async () => {
    handler = problem(problemsByKind['rate-limited'], { 'retry-after': '99' });
    const error = await failure(api().startFlow(startBody));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfter).toBe(30);
    expect(seen).toHaveLength(1);
  });

  it('takes it from the Retry-After header when the body has none', async () => {
    const { retryAfter: _dropped, ...withoutRetryAfter } = problemsByKind['rate-limited'];
    handler = problem(withoutRetryAfter, { 'retry-after': '42' });
    const error = await failure(api().resendActivation(flow));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfter).toBe(42);
  });

  it('a bare 429 from a proxy (plain text) is still rate-limited, and a GET is not retried on it', async () => {
    handler = raw(429, 'text/plain', 'Too Many Requests', { 'retry-after': '7' });
    const error = await failure(api().getCaptchaChallenge());
    expect(error.kind).toBe('rate-limited');
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(7);
    expect(error.now).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(seen).toHaveLength(1);
  });

  it('email-limit keeps its own kind', async () => {
    handler = problem(problemsByKind['email-limit']);
    expect((await failure(api().sendActivation({ mode: 'new', email: 'a@b.ec' }, flow))).kind).toBe('email-limit');
  });

  it('parseRetryAfter reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:01:00 GMT', 'Sun, 22 Nov 2026 10:00:00 GMT')).toBe(60);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', 'Sun, 22 Nov 2026 10:00:00 GMT')).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('9999999')).toBe(86_400);
  });
});

describe('no answer, slow answers, retries and aborts', () => {
  it('a connection destroyed without an answer → network; a POST is sent once (never retried)', async () => {
    handler = (req) => req.socket.destroy();
    const error = await failure(api().startFlow(startBody));
    expect(error.kind).toBe('network');
    expect(seen).toHaveLength(1);
  });

  it('a GET is retried twice after a destroyed connection, then network', async () => {
    handler = (req) => req.socket.destroy();
    expect((await failure(api().getConfig())).kind).toBe('network');
    expect(seen).toHaveLength(3);
  });

  it('a GET recovers when a retry succeeds (503 then 200)', async () => {
    handler = (req, res, s) =>
      seen.length === 1 ? problem(problemsByKind.unavailable)(req, res, s) : json(200, fixtures.getConfig.default)(req, res, s);
    expect(await api().getConfig()).toEqual(fixtures.getConfig.default);
    expect(seen).toHaveLength(2);
  });

  it('a POST answered 503 is not retried', async () => {
    handler = problem(problemsByKind.unavailable);
    expect(
      (
        await failure(
          api().completeActivation({
            token: 'x'.repeat(43),
            declarationAccepted: true,
            declarationVersion: '2026-01',
            password: 'x'.repeat(12),
            passwordConfirmation: 'x'.repeat(12),
          }),
        )
      ).kind,
    ).toBe('unavailable');
    expect(seen).toHaveLength(1);
  });

  it('getRetryLimit 0 turns GET retries off', async () => {
    handler = (req) => req.socket.destroy();
    await failure(api({ getRetryLimit: 0 }).getConfig());
    expect(seen).toHaveLength(1);
  });

  it('a server that never answers → timeout, sent once', async () => {
    handler = () => {};
    const error = await failure(api({ timeoutMs: 150 }).verify(verifyBody, flow));
    expect(error.kind).toBe('timeout');
    expect(seen).toHaveLength(1);
  });

  it('headers then a stalled body → timeout (the deadline covers the body)', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"now":');
    };
    expect((await failure(api({ timeoutMs: 150 }).getConfig())).kind).toBe('timeout');
  });

  it('the caller’s abort is rethrown as an AbortError, not mapped', async () => {
    handler = () => {};
    const controller = new AbortController();
    const pending = api().startFlow(startBody, { signal: controller.signal });
    // At least one request is out (on a loaded machine the client's own timeout may already have retried).
    await expect.poll(() => seen.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(RecoveryApiError);
    expect((error as Error).name).toBe('AbortError');
  });

  it('an already-aborted signal sends nothing', async () => {
    handler = json(200, fixtures.getConfig.default);
    const controller = new AbortController();
    controller.abort();
    const error = await api()
      .getConfig({ signal: controller.signal })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(seen).toHaveLength(0);
  });

  it('nothing listening on the port → network', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(createHttpRecoveryApi({ baseUrl: `http://127.0.0.1:${port}`, getRetryLimit: 0 }).getConfig());
    expect(error.kind).toBe('network');
  });
});

describe('newIdempotencyKey', () => {
  it('makes a UUID v4 even without crypto.randomUUID (insecure contexts)', () => {
    const original = crypto.randomUUID;
    try {
      Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
      const a = newIdempotencyKey();
      const b = newIdempotencyKey();
      expect(a).toMatch(UUID);
      expect(a).not.toBe(b);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    }
    expect(newIdempotencyKey()).toMatch(UUID);
  });
});
