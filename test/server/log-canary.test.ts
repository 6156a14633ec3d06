/**
 * SS-27 / DP-04 canary: run whole flows and then search every log line for the personal data and
 * secrets that went through: cédula, birth date, answers, e-mail, tokens, passwords.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log.ts';
import { bearer, startTestServer, tokenFromMail, type TestServer } from './helpers/harness.ts';
import { GOOD_ANSWERS, NEW_PASSWORD, passVerification, rightAnswers } from './helpers/flows.ts';
import { DEMO_PASSWORD } from '../../server/demo/identities.ts';

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, cb) {
    lines.push(String(chunk));
    cb();
  },
});
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ overrides: { logger: createLogger('trace', sink) } });
});
afterAll(() => t?.close());

describe('log canary', () => {
  it('logs carry events but no cédula, birth date, answer, e-mail, token or password', async () => {
    const secrets: string[] = [];
    // generar with a new address, a wrong attempt (on María's recuperar: a wrong try on Rosa, who has
    // no address on record, would send her new address in person — domain/verification-policy.ts),
    // completion, sign-in.
    const wrong = await t.call('POST', '/v1/flows', { idType: 'cedula', id: '1712345675', captcha: await t.captcha() });
    await t.call('POST', '/v1/flows/current/verification', { birthDay: 3, birthMonth: 9, answers: [] }, bearer(wrong.body.flowToken));
    const { flow, record } = await passVerification(t, '0100000009');
    secrets.push(flow.flowToken, wrong.body.flowToken, record.id, record.givenNames.split(' ')[0]!);
    secrets.push(
      ...rightAnswers(record, flow.verification.questions).map(
        (a) =>
          flow.verification.questions
            .find((q: { id: string }) => q.id === a.questionId)
            .options.find((o: { value: string }) => o.value === a.answer).label,
      ),
    );
    await t.call('POST', '/v1/flows/current/security-questions', { answers: GOOD_ANSWERS }, bearer(flow.flowToken));
    secrets.push(...GOOD_ANSWERS.map((a) => a.answer));
    await t.call('POST', '/v1/flows/current/email', { mode: 'new', email: 'canario.secreto@example.org' }, bearer(flow.flowToken));
    secrets.push('canario.secreto', 'canario.secreto@example.org');
    const token = tokenFromMail((await t.mail())[0]!);
    secrets.push(token);
    await t.call('POST', '/v1/activation/check', { token });
    await t.call('POST', '/v1/activation/complete', {
      token,
      declarationAccepted: true,
      declarationVersion: t.config.declaration.version,
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    });
    secrets.push(NEW_PASSWORD);
    const session = await t.call('POST', '/v1/sessions', { idType: 'cedula', id: '0100000009', password: NEW_PASSWORD });
    secrets.push(session.body.sessionToken);
    await t.call('POST', '/v1/sessions', { idType: 'cedula', id: '1712345675', password: DEMO_PASSWORD + 'x' });
    secrets.push('1712345675', DEMO_PASSWORD);
    await t.mail();

    // Each line's own timestamp is left out: its digits may spell a year like "2016" by chance.
    const log = lines.map((line) => line.replace(/"time":\d+,/, '')).join('');
    expect(lines.length).toBeGreaterThan(10);
    expect(log).toContain('verification_failed');
    expect(log).toContain('password_changed');
    for (const s of secrets) expect(log, `log contains ${s.slice(0, 4)}…`).not.toContain(s);
    // Birth dates in common forms.
    expect(log).not.toMatch(/25\/0?7|0?7\/25|birthDay|birthMonth/);
  });
});
