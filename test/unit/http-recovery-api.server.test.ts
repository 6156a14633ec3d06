// The widget's HTTP client and captcha solver against the REAL reference backend (Hono on
// 127.0.0.1, PGlite, SMTP catcher): proves both sides speak the same /v1 — headers, bodies,
// problem kinds, idempotency — not just the contract's shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpRecoveryApi } from '../../widget/api/http-recovery-api.ts';
import { RecoveryApiError, type RecoveryApi } from '../../widget/api/recovery-api.ts';
import { solveAltcha } from '../../widget/captcha/altcha.ts';
import { startTestServer, tokenFromMail, type TestServer } from '../server/helpers/harness.ts';
import { demo, NEW_PASSWORD, rightAnswers } from '../server/helpers/flows.ts';

let t: TestServer;
let api: RecoveryApi;

beforeAll(async () => {
  t = await startTestServer();
  api = createHttpRecoveryApi({ baseUrl: t.url, timeoutMs: 20_000 });
});
afterAll(() => t?.close());

/** "No soy un robot" exactly as the widget does it: fetch a challenge, solve it in-process. */
async function captcha(): Promise<string> {
  const { challenge } = await api.getCaptchaChallenge();
  return (await solveAltcha(challenge)).payload;
}

async function rejection(promise: Promise<unknown>): Promise<RecoveryApiError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RecoveryApiError);
  return error as RecoveryApiError;
}

describe('createHttpRecoveryApi against the reference backend', () => {
  it('reads the config (the contract parses the server’s real answer)', async () => {
    const config = await api.getConfig();
    expect(config.limits.maxAttempts).toBe(5);
    expect(config.captcha.provider).toBe('altcha');
  });

  it('the solver’s payload passes the server’s captcha check, once (CS-10)', async () => {
    const payload = await captcha();
    const flow = await api.startFlow({ idType: 'cedula', id: '1712345675', captcha: payload });
    expect(flow.case).toBe('recuperar');
    // A used payload is refused (a new key, so it is not an idempotent repeat).
    const reused = await rejection(api.startFlow({ idType: 'cedula', id: '1712345675', captcha: payload }));
    expect(reused.kind).toBe('captcha-failed');
  });

  it('the same Idempotency-Key returns the first answer; another body under it is a conflict (CS-12)', async () => {
    const body = { idType: 'cedula' as const, id: '1712345675', captcha: await captcha() };
    const first = await api.startFlow(body, { idempotencyKey: 'accion-buscar-1' });
    const again = await api.startFlow(body, { idempotencyKey: 'accion-buscar-1' });
    expect(again.flowToken).toBe(first.flowToken);
    const conflict = await rejection(api.startFlow({ ...body, id: '0920000015' }, { idempotencyKey: 'accion-buscar-1' }));
    expect(conflict.kind).toBe('idempotency-conflict');
  });

  it('maps the server’s problems: validation with field errors, flow-invalid, verification-failed', async () => {
    const invalid = await rejection(api.startFlow({ idType: 'cedula', id: '1712345676', captcha: await captcha() }));
    expect(invalid.kind).toBe('validation');
    expect(invalid.status).toBe(400);
    expect(invalid.fieldErrors?.['id']).toContain('checksum');

    const noFlow = await rejection(api.getFlowStatus({ flowToken: 'x'.repeat(43) }));
    expect(noFlow.kind).toBe('flow-invalid');

    const flow = await api.startFlow({ idType: 'cedula', id: '3000000012', captcha: await captcha() });
    const wrong = await rejection(
      api.verify(
        { birthDay: 1, birthMonth: 1, answers: flow.verification.questions.map((q) => ({ questionId: q.id, answer: 'zzz' })) },
        { flowToken: flow.flowToken },
      ),
    );
    expect(wrong.kind).toBe('verification-failed');
    expect(wrong.attemptsLeft).toBe(flow.verification.attemptsLeft - 1);
    expect(wrong.now).toMatch(/^\d{4}-/);
  });

  it('walks recuperar to the end: verify, e-mail, resend (empty body), check, complete, sign in', async () => {
    const record = demo('1712345675');
    const flow = await api.startFlow({ idType: 'cedula', id: record.id, captcha: await captcha() });
    const options = { flowToken: flow.flowToken };
    const verified = await api.verify(
      { birthDay: record.birthDay, birthMonth: record.birthMonth, answers: rightAnswers(record, flow.verification.questions) },
      options,
    );
    expect(verified.next).toBe('email');

    const sent = await api.sendActivation({ mode: 'on-record' }, options);
    expect(sent.activation.subject).toBe('ACTIVACIÓN CLAVE');
    t.clock.advance((sent.activation.resendAvailableAt ? Date.parse(sent.activation.resendAvailableAt) - Date.parse(sent.now) : 0) + 1000);
    const resent = await api.resendActivation(options);
    expect(resent.activation.resendsLeft).toBe(sent.activation.resendsLeft - 1);

    const status = await api.getFlowStatus(options);
    expect(status.step).toBe('activation-sent');

    // Two mails (the outbox may deliver them in either order): only the newer link works.
    const tokens = (await t.mail()).map(tokenFromMail);
    expect(tokens).toHaveLength(2);
    const checks = await Promise.allSettled(tokens.map((tk) => api.checkActivation({ token: tk })));
    const good = checks.findIndex((c) => c.status === 'fulfilled');
    expect(checks.filter((c) => c.status === 'fulfilled')).toHaveLength(1);
    const dead = checks[1 - good];
    expect(dead?.status === 'rejected' && dead.reason instanceof RecoveryApiError && dead.reason.kind).toBe('link-invalid');
    const token = tokens[good]!;
    const check = await api.checkActivation({ token });
    expect(check.maskedId).toBe('******5675');

    const done = await api.completeActivation({
      token,
      declarationAccepted: true,
      declarationVersion: check.declaration.version,
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    });
    expect(done.case).toBe('recuperar');
    expect((await rejection(api.checkActivation({ token }))).kind).toBe('link-used');

    // The reference sign-in is a server route the widget never calls: plain HTTP proves the new password.
    const signIn = (password: string) => t.call('POST', '/v1/sessions', { idType: 'cedula', id: record.id, password });
    expect((await signIn(NEW_PASSWORD)).status).toBe(201);
    expect((await signIn('otra clave cualquiera')).body.type).toBe('urn:iess-clave:problem:invalid-credentials');
  });
});
