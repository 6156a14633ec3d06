/**
 * The whole *recuperar* procedure over real HTTP on 127.0.0.1, with the real SMTP catcher: BUSCAR,
 * verification, e-mail, the link from the mail, check, complete, sign-in with the new password.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../widget/api/contract.ts';
import { bearer, startTestServer, tokenFromMail, type TestServer } from './helpers/harness.ts';
import { NEW_PASSWORD, passVerification } from './helpers/flows.ts';
import { DEMO_PASSWORD } from '../../server/demo/identities.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

describe('recuperar end to end', () => {
  it('config and captcha challenge satisfy the contract', async () => {
    const config = await t.call('GET', '/v1/config');
    expect(config.status).toBe(200);
    expect(C.ConfigResponse.safeParse(config.body).success).toBe(true);
    expect(config.body.limits.maxAttempts).toBe(5);
    expect(config.body.limits.linkLifetimeSeconds).toBe(180);
    const challenge = await t.call('GET', '/v1/captcha/challenge');
    expect(C.CaptchaChallengeResponse.safeParse(challenge.body).success).toBe(true);
  });

  it('runs BUSCAR -> verification -> e-mail -> link -> complete -> sign-in', async () => {
    const before = await t.call('POST', '/v1/sessions', { idType: 'cedula', id: '1712345675', password: DEMO_PASSWORD });
    expect(before.status).toBe(201);
    const { flow, verified } = await passVerification(t, '1712345675');
    expect(C.StartFlowResponse.safeParse(flow).success).toBe(true);
    expect(flow.case).toBe('recuperar');
    expect(flow.maskedId).toBe('******5675');
    expect(flow.verification.questions).toHaveLength(2);
    expect(flow.verification.questions.every((q: { kind: string }) => q.kind === 'text')).toBe(true);
    expect(verified).toMatchObject({ next: 'email', email: { onRecord: true, masked: 'm***@e***.com' } });

    // SS-13: forwarded host headers do not change the link.
    const sent = await t.call(
      'POST',
      '/v1/flows/current/email',
      { mode: 'on-record' },
      { ...bearer(flow.flowToken), 'x-forwarded-host': 'evil.example', forwarded: 'host=evil.example' },
    );
    expect(sent.status).toBe(202);
    expect(C.ActivationResponse.safeParse(sent.body).success).toBe(true);
    expect(sent.body.activation).toMatchObject({ sentTo: 'm***@e***.com', subject: 'ACTIVACIÓN CLAVE', resendsLeft: 3 });

    const [mail] = await t.mail();
    expect(mail!.to).toBe('maria.perez@example.com');
    expect(mail!.subject).toBe('ACTIVACIÓN CLAVE');
    expect(mail!.text).toContain('CLIC PARA CONTINUAR');
    expect(mail!.html).toContain('>CLIC PARA CONTINUAR</a>');
    expect(mail!.links).toHaveLength(1);
    expect(mail!.links[0]!.startsWith(`${t.config.activationUrl}#token=`)).toBe(true);
    expect(mail!.html + mail!.text).not.toContain('evil.example');
    const token = tokenFromMail(mail!);

    const status = await t.call('GET', '/v1/flows/current', undefined, bearer(flow.flowToken));
    expect(status.body.step).toBe('activation-sent');

    // SS-14: checking the link three times never uses it up.
    for (let i = 0; i < 3; i++) {
      const check = await t.call('POST', '/v1/activation/check', { token });
      expect(check.status).toBe(200);
      expect(C.ActivationCheckResponse.safeParse(check.body).success).toBe(true);
      expect(check.body).toMatchObject({ case: 'recuperar', maskedId: '******5675' });
    }

    const done = await t.call('POST', '/v1/activation/complete', {
      token,
      declarationAccepted: true,
      declarationVersion: t.config.declaration.version,
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    });
    expect(done.status).toBe(200);
    expect(C.ActivationCompleteResponse.safeParse(done.body).success).toBe(true);
    expect(done.body.case).toBe('recuperar');

    // SS-21: the session opened before the change is revoked; no session is created by completion.
    const sessions = await sql<{ revoked_at: Date | null }>`SELECT revoked_at FROM sessions WHERE identification = '1712345675'`.execute(
      t.database.db,
    );
    expect(sessions.rows).toHaveLength(1);
    expect(sessions.rows[0]!.revoked_at).not.toBeNull();
    expect(JSON.stringify(done.body)).not.toMatch(/session/i);

    const after = await t.call('GET', '/v1/flows/current', undefined, bearer(flow.flowToken));
    expect(after.body.step).toBe('completed');

    const old = await t.call('POST', '/v1/sessions', { idType: 'cedula', id: '1712345675', password: DEMO_PASSWORD });
    expect(old.status).toBe(401);
    expect(old.body.type).toBe(C.problemType('invalid-credentials'));
    const signIn = await t.call('POST', '/v1/sessions', { idType: 'cedula', id: '1712345675', password: NEW_PASSWORD });
    expect(signIn.status).toBe(201);
    expect(C.SignInResponse.safeParse(signIn.body).success).toBe(true);

    const again = await t.call('POST', '/v1/activation/check', { token });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe(C.problemType('link-used'));
  });
});
