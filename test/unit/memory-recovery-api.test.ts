// The in-memory RecoveryApi: every answer parses with the contract, and it keeps the protocol's
// rules (attempts and lock, decoys, single-use 3-minute links replaced by a resend, idempotency).
import { beforeEach, describe, expect, it } from 'vitest';
import { operations, type OperationId } from '../../widget/api/contract.ts';
import { createMemoryRecoveryApi, type MemoryMail } from '../../widget/api/memory-recovery-api.ts';
import { RecoveryApiError, type RecoveryApi } from '../../widget/api/recovery-api.ts';
import { solveAltcha } from '../../widget/captcha/altcha.ts';

let now: number;
let mails: MemoryMail[];
let api: RecoveryApi;

/** Wraps the API so every answer is checked against the contract's response schema. */
function checked(inner: RecoveryApi): RecoveryApi {
  const wrapped = {} as Record<string, unknown>;
  for (const id of Object.keys(operations) as OperationId[]) {
    wrapped[id] = async (...args: unknown[]) => {
      const result = await (inner[id] as (...a: unknown[]) => Promise<unknown>)(...args);
      const parsed = operations[id].response['~standard'].validate(result);
      if (parsed instanceof Promise || parsed.issues) throw new Error(`${id} broke the contract: ${JSON.stringify(parsed)}`);
      return result;
    };
  }
  return wrapped as unknown as RecoveryApi;
}

beforeEach(() => {
  now = Date.parse('2026-11-22T10:00:00.000Z');
  mails = [];
  api = checked(createMemoryRecoveryApi({ now: () => now, onMail: (m) => mails.push(m) }));
});

async function captcha(): Promise<string> {
  return (await solveAltcha((await api.getCaptchaChallenge()).challenge)).payload;
}
async function rejection(p: Promise<unknown>): Promise<RecoveryApiError> {
  const e = await p.then(() => new Error('expected a rejection'), (x: unknown) => x);
  expect(e).toBeInstanceOf(RecoveryApiError);
  return e as RecoveryApiError;
}
const PASSWORD = 'cielo azul sobre el Cotopaxi';

describe('createMemoryRecoveryApi', () => {
  it('walks recuperar: verify, e-mail on record, resend after the cooldown, check, complete, sign in', async () => {
    expect((await api.getConfig()).limits.maxAttempts).toBe(5);
    const flow = await api.startFlow({ idType: 'cedula', id: '171234567-5', captcha: await captcha() });
    expect(flow).toMatchObject({ case: 'recuperar', maskedId: '******5675' });
    const o = { flowToken: flow.flowToken };
    const verified = await api.verify(
      { birthDay: 14, birthMonth: 3, answers: [{ questionId: 'sq-mascota', answer: ' firulais ' }, { questionId: 'sq-ciudad-madre', answer: 'CUENCA' }] },
      o,
    );
    expect(verified).toMatchObject({ next: 'email', email: { onRecord: true, masked: 'm***@e***.com' } });
    const sent = await api.sendActivation({ mode: 'on-record' }, o);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe('maria.perez@example.com');

    const tooSoon = await rejection(api.resendActivation(o));
    expect(tooSoon.kind).toBe('rate-limited');
    expect(tooSoon.retryAfter).toBe(60);
    now += 61_000;
    const resent = await api.resendActivation(o);
    expect(resent.activation.resendsLeft).toBe(sent.activation.resendsLeft - 1);
    expect((await rejection(api.checkActivation(mails[0]!.token))).kind).toBe('link-invalid');

    const token = mails[1]!.token;
    expect((await api.checkActivation(token)).case).toBe('recuperar');
    const weak = await rejection(
      api.completeActivation({ token, declarationAccepted: true, declarationVersion: 'demo-1', password: 'corta', passwordConfirmation: 'otra' }),
    );
    expect(weak.kind).toBe('password-rejected');
    expect(weak.fieldErrors).toEqual({ password: ['too-short'], passwordConfirmation: ['mismatch'] });
    await api.completeActivation({ token, declarationAccepted: true, declarationVersion: 'demo-1', password: PASSWORD, passwordConfirmation: PASSWORD });
    expect((await api.getFlowStatus(o)).step).toBe('completed');
    expect((await rejection(api.checkActivation(token))).kind).toBe('link-used');
    expect((await api.signIn({ idType: 'cedula', id: '1712345675', password: PASSWORD })).sessionToken.length).toBeGreaterThan(32);
  });

  it('walks generar with a new address: security questions, then the link goes to that address', async () => {
    const flow = await api.startFlow({ idType: 'cedula', id: '0920000015', captcha: await captcha() });
    expect(flow.case).toBe('generar');
    const o = { flowToken: flow.flowToken };
    const verified = await api.verify({ birthDay: 2, birthMonth: 11, answers: [{ questionId: 'iq-primer-aporte', answer: 'b' }] }, o);
    expect(verified.next).toBe('security-questions');
    expect(verified.securityQuestions?.questions).toHaveLength(10);
    const bad = await rejection(api.setSecurityQuestions({ answers: [{ questionId: 'sq-comida', answer: 'Encebollado' }] }, o));
    expect(bad.fieldErrors).toEqual({ answers: ['not-enough'] });
    const trivial = await rejection(
      api.setSecurityQuestions(
        { answers: [{ questionId: 'sq-comida', answer: 'no' }, { questionId: 'sq-libro', answer: 'Huasipungo' }, { questionId: 'sq-equipo', answer: 'Liga' }] },
        o,
      ),
    );
    expect(trivial.fieldErrors).toEqual({ 'answers.0.answer': ['trivial'] });
    await api.setSecurityQuestions(
      { answers: [{ questionId: 'sq-comida', answer: 'Encebollado' }, { questionId: 'sq-libro', answer: 'Huasipungo' }, { questionId: 'sq-equipo', answer: 'Liga' }] },
      o,
    );
    expect((await rejection(api.sendActivation({ mode: 'new', email: 'carlos@gmial' }, o))).kind).toBe('validation');
    const sent = await api.sendActivation({ mode: 'new', email: 'carlos@example.com' }, o);
    expect(sent.activation.sentTo).toBe('c***@e***.com');
    expect(mails[0]!.to).toBe('carlos@example.com');
  });

  it('locks the identification after 5 wrong verifications, across flows (the counter is per identification)', async () => {
    const wrong = { birthDay: 1, birthMonth: 1, answers: [{ questionId: 'sq-mascota', answer: 'x' }] };
    let last: RecoveryApiError | undefined;
    for (let i = 0; i < 5; i++) {
      const flow = await api.startFlow({ idType: 'cedula', id: '1712345675', captcha: await captcha() });
      expect(flow.verification.attemptsLeft).toBe(5 - i);
      last = await rejection(api.verify(wrong, { flowToken: flow.flowToken }));
      expect(last.kind).toBe(i < 4 ? 'verification-failed' : 'locked');
    }
    expect(last!.lockedUntil).toBe('2026-11-22T12:00:00.000Z');
    const flow = await api.startFlow({ idType: 'cedula', id: '1712345675', captcha: await captcha() });
    const right = { birthDay: 14, birthMonth: 3, answers: [{ questionId: 'sq-mascota', answer: 'Firulais' }, { questionId: 'sq-ciudad-madre', answer: 'Cuenca' }] };
    expect((await rejection(api.verify(right, { flowToken: flow.flowToken }))).kind).toBe('locked');
  });

  it('an unknown identification gets a decoy flow that looks the same and never passes (SS-04)', async () => {
    const decoy = await api.startFlow({ idType: 'cedula', id: '2411111111', captcha: await captcha() });
    const real = await api.startFlow({ idType: 'cedula', id: '1712345675', captcha: await captcha() });
    expect(Object.keys(decoy).sort()).toEqual(Object.keys(real).sort());
    expect(decoy.verification.questions).toEqual(real.verification.questions);
    const e = await rejection(api.verify({ birthDay: 14, birthMonth: 3, answers: [] }, { flowToken: decoy.flowToken }));
    expect(e.kind).toBe('verification-failed');
  });

  it('refuses a wrong, forged or reused captcha, and a malformed identification', async () => {
    expect((await rejection(api.startFlow({ idType: 'cedula', id: '1712345675', captcha: 'bm9wZQ==' }))).kind).toBe('captcha-failed');
    const payload = await captcha();
    await api.startFlow({ idType: 'cedula', id: '1712345675', captcha: payload });
    expect((await rejection(api.startFlow({ idType: 'cedula', id: '1712345675', captcha: payload }))).kind).toBe('captcha-failed');
    const e = await rejection(api.startFlow({ idType: 'cedula', id: '1712345676', captcha: await captcha() }));
    expect(e.fieldErrors).toEqual({ id: ['checksum'] });
  });

  it('links expire after 3 minutes; flows after 15', async () => {
    const flow = await api.startFlow({ idType: 'cedula', id: '1712345675', captcha: await captcha() });
    const o = { flowToken: flow.flowToken };
    await api.verify({ birthDay: 14, birthMonth: 3, answers: [{ questionId: 'sq-mascota', answer: 'Firulais' }, { questionId: 'sq-ciudad-madre', answer: 'Cuenca' }] }, o);
    await api.sendActivation({ mode: 'on-record' }, o);
    now += 181_000;
    const expired = await rejection(api.checkActivation(mails[0]!.token));
    expect(expired.kind).toBe('link-expired');
    expect(expired.expiresAt).toBe('2026-11-22T10:03:00.000Z');
    now += 15 * 60_000;
    expect((await rejection(api.getFlowStatus(o))).kind).toBe('flow-expired');
  });

  it('an idempotent repeat returns the first answer; another body under the same key is a conflict', async () => {
    const body = { idType: 'cedula' as const, id: '1712345675', captcha: await captcha() };
    const first = await api.startFlow(body, { idempotencyKey: 'k1' });
    expect((await api.startFlow(body, { idempotencyKey: 'k1' })).flowToken).toBe(first.flowToken);
    expect((await rejection(api.startFlow({ ...body, id: '0920000015' }, { idempotencyKey: 'k1' }))).kind).toBe('idempotency-conflict');
  });

  it('an aborted call is rejected with the AbortError and does nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const e = await api.getConfig({ signal: controller.signal }).catch((x: unknown) => x);
    expect((e as Error).name).toBe('AbortError');
  });
});
