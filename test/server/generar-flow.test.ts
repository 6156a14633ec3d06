/**
 * The *generar* case, decided by the server from the registry: multiple-choice questions from
 * institutional facts, the bank of security questions, a new address that becomes the address on
 * record only when its link is used (SS-15), notices after the change (SS-21), the declaration's
 * evidence (SS-17).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../widget/api/contract.ts';
import { bearer, startTestServer, tokenFromMail, type TestServer } from './helpers/harness.ts';
import { GOOD_ANSWERS, NEW_PASSWORD, demo, passVerification, rightAnswers, startFlow } from './helpers/flows.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const complete = (token: string, password = NEW_PASSWORD) =>
  t.call('POST', '/v1/activation/complete', {
    token,
    declarationAccepted: true,
    declarationVersion: t.config.declaration.version,
    password,
    passwordConfirmation: password,
  });

describe('generar', () => {
  it('asks choice questions from institutional facts for each kind of person', async () => {
    const affiliate = await startFlow(t, '0920000015');
    expect(affiliate.case).toBe('generar');
    expect(affiliate.verification.questions.map((q: { id: string }) => q.id).sort()).toEqual(['empleador', 'primer-aporte']);
    expect(
      affiliate.verification.questions.every(
        (q: { kind: string; options: unknown[] }) => q.kind === 'choice' && q.options.length === t.config.limits.challengeOptions,
      ),
    ).toBe(true);
    const retiree = await startFlow(t, '0100000009');
    expect(retiree.verification.questions.map((q: { id: string }) => q.id)).toContain('inicio-pension');
    const dependant = await startFlow(t, '3000000012');
    expect(dependant.verification.questions.map((q: { id: string }) => q.id)).toEqual([
      'afiliado-titular',
      'empleador-titular',
      'inicio-dependencia',
    ]);
    expect(rightAnswers(demo('3000000012'), dependant.verification.questions)).toHaveLength(3);
  });

  it('SS-09: repeated flows for one identification show the identical questions', async () => {
    const first = await startFlow(t, '0920000015');
    for (let i = 0; i < 3; i++) expect((await startFlow(t, '0920000015')).verification.questions).toEqual(first.verification.questions);
  });

  it('SS-10: security answers are refused when too few, duplicated, trivial or containing the identification', async () => {
    const { flow, verified } = await passVerification(t, '0920000015');
    expect(verified.next).toBe('security-questions');
    expect(verified.securityQuestions.questions).toHaveLength(10);
    expect(verified.securityQuestions.min).toBe(3);
    const post = (answers: unknown) => t.call('POST', '/v1/flows/current/security-questions', { answers }, bearer(flow.flowToken));

    const few = await post(GOOD_ANSWERS.slice(0, 2));
    expect(few.status).toBe(400);
    expect(few.body.fieldErrors.answers).toContain('not-enough');
    const dup = await post([...GOOD_ANSWERS, { questionId: GOOD_ANSWERS[0]!.questionId, answer: 'Otra cosa' }]);
    expect(dup.body.fieldErrors.answers).toContain('duplicate');
    const bad = await post([
      { questionId: 'amigo-infancia', answer: 'no sé' },
      { questionId: 'calle-diez-anos', answer: 'Calle 0920000015' },
      { questionId: 'primer-jefe', answer: ' Mendoza ' },
      { questionId: 'no-existe', answer: 'Algo largo' },
    ]);
    expect(bad.body.fieldErrors).toMatchObject({
      'answers.0.answer': ['trivial'],
      'answers.1.answer': ['context'],
      'answers.2.answer': ['context'],
      'answers.3.questionId': ['unknown-question'],
    });
    const same = await post([
      { questionId: 'amigo-infancia', answer: 'Quito' },
      { questionId: 'calle-diez-anos', answer: ' QUITO ' },
      { questionId: 'primer-jefe', answer: 'Jefe Bueno' },
    ]);
    expect(same.body.fieldErrors['answers.1.answer']).toContain('duplicate');
    // Nothing was kept: the flow is still at this step.
    expect((await t.call('GET', '/v1/flows/current', undefined, bearer(flow.flowToken))).body.step).toBe('security-questions');
  });

  it('runs generar end to end; answers and password are stored only as argon2id PHC strings; the declaration is evidence (SS-17)', async () => {
    const { flow } = await passVerification(t, '0920000015');
    const saved = await t.call('POST', '/v1/flows/current/security-questions', { answers: GOOD_ANSWERS }, bearer(flow.flowToken));
    expect(saved.status).toBe(200);
    expect(C.SecurityQuestionsResponse.safeParse(saved.body).success).toBe(true);
    expect(saved.body.email).toEqual({ onRecord: true, masked: 'c***@e***.com' });
    // Not the person's yet: only on completion (SS-20).
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM security_answers WHERE identification = '0920000015'`.execute(
      t.database.db,
    );
    expect(before.rows[0]!.n).toBe(0);

    await t.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, bearer(flow.flowToken));
    const token = tokenFromMail((await t.mail())[0]!);

    const noDeclaration = await t.call('POST', '/v1/activation/complete', {
      token,
      declarationAccepted: false,
      declarationVersion: t.config.declaration.version,
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    });
    expect(noDeclaration.status).toBe(400);
    const oldVersion = await t.call('POST', '/v1/activation/complete', {
      token,
      declarationAccepted: true,
      declarationVersion: 'v0',
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    });
    expect(oldVersion.body.fieldErrors).toEqual({ declarationVersion: ['mismatch'] });

    const done = await complete(token);
    expect(done.status).toBe(200);
    expect(done.body.case).toBe('generar');

    const db = t.database.db;
    const answers = await sql<{
      question_id: string;
      answer_hash: string;
    }>`SELECT question_id, answer_hash FROM security_answers WHERE identification = '0920000015'`.execute(db);
    expect(answers.rows.map((r) => r.question_id).sort()).toEqual(GOOD_ANSWERS.map((a) => a.questionId).sort());
    const person = await sql<{ password_hash: string }>`SELECT password_hash FROM affiliates WHERE identification = '0920000015'`.execute(
      db,
    );
    // SS-19: argon2id with m >= 19456 KiB, t >= 2, p = 1.
    for (const phc of [...answers.rows.map((r) => r.answer_hash), person.rows[0]!.password_hash]) {
      expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    }
    const evidence = await sql<{
      version: string;
      text_sha256: string;
      accepted_at: Date;
    }>`SELECT version, text_sha256, accepted_at FROM declaration_acceptances WHERE identification = '0920000015'`.execute(db);
    expect(evidence.rows).toHaveLength(1);
    expect(evidence.rows[0]!.version).toBe(t.config.declaration.version);
    expect(evidence.rows[0]!.text_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(evidence.rows[0]!.accepted_at).toISOString()).toBe(done.body.completedAt);

    // SS-21: a "clave cambiada" notice without secrets.
    const notice = (await t.mail()).find((m) => m.subject === 'CLAVE CAMBIADA');
    expect(notice?.to).toBe('carlos.mendoza@example.com');
    expect(notice!.text).not.toContain(NEW_PASSWORD);
    expect(notice!.links).toHaveLength(0);

    // The server now decides recuperar, asking two of the answers just registered (" Encebollado " ≡ "encebollado").
    const next = await startFlow(t, '0920000015');
    expect(next.case).toBe('recuperar');
    const ids = next.verification.questions.map((q: { id: string }) => q.id);
    const byId = Object.fromEntries(GOOD_ANSWERS.map((a) => [a.questionId, `  ${a.answer.toUpperCase()} `]));
    const verified = await t.call(
      'POST',
      '/v1/flows/current/verification',
      { birthDay: 2, birthMonth: 11, answers: ids.map((id: string) => ({ questionId: id, answer: byId[id] })) },
      bearer(next.flowToken),
    );
    expect(verified.status).toBe(200);
  });

  it('SS-15: a new address is not stored until its link is used; one new address per 24 h', async () => {
    const { flow, verified } = await passVerification(t, '0100000009');
    expect(verified.email).toEqual({ onRecord: false });
    await t.call('POST', '/v1/flows/current/security-questions', { answers: GOOD_ANSWERS }, bearer(flow.flowToken));
    const onRecord = await t.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, bearer(flow.flowToken));
    expect(onRecord.status).toBe(400);
    const injected = await t.call(
      'POST',
      '/v1/flows/current/email',
      { mode: 'new', email: 'rosa@example.com\r\nBcc: x@evil.test' },
      bearer(flow.flowToken),
    );
    expect(injected.body.fieldErrors).toEqual({ email: ['format'] });
    const sent = await t.call('POST', '/v1/flows/current/email', { mode: 'new', email: 'rosa.q@example.net' }, bearer(flow.flowToken));
    expect(sent.status).toBe(202);
    expect(sent.body.activation.sentTo).toBe('r***@e***.net');
    const row = async () =>
      (await sql<{ email: string | null }>`SELECT email FROM affiliates WHERE identification = '0100000009'`.execute(t.database.db))
        .rows[0]!.email;
    expect(await row()).toBeNull(); // abandoned here: nothing stored as contact data

    // A second flow within 24 h: another new address is refused, the same one is allowed.
    const second = await passVerification(t, '0100000009');
    await t.call('POST', '/v1/flows/current/security-questions', { answers: GOOD_ANSWERS }, bearer(second.flow.flowToken));
    const other = await t.call(
      'POST',
      '/v1/flows/current/email',
      { mode: 'new', email: 'otra@example.net' },
      bearer(second.flow.flowToken),
    );
    expect(other.status).toBe(429);
    expect(other.body.type).toBe(C.problemType('email-limit'));
    const sameAgain = await t.call(
      'POST',
      '/v1/flows/current/email',
      { mode: 'new', email: 'rosa.q@example.net' },
      bearer(second.flow.flowToken),
    );
    expect(sameAgain.status).toBe(202);

    const token = tokenFromMail((await t.mail()).find((m) => m.subject === 'ACTIVACIÓN CLAVE')!);
    expect((await complete(token)).status).toBe(200);
    expect(await row()).toBe('rosa.q@example.net');
    // The first, abandoned flow was closed by the completion (SS-21).
    expect((await t.call('GET', '/v1/flows/current', undefined, bearer(flow.flowToken))).body.type).toBe(C.problemType('flow-expired'));
  });

  it('SS-15: two flows at once registering different new addresses: exactly one is accepted', async () => {
    // One after the other: verifications in flight count against each other's new-address budget
    // (a pending attempt may still be a failure: domain/verification-policy.ts), so parallel passes
    // could send one to an office; the race under test is the e-mail step's.
    const flows = [await passVerification(t, '3000000012'), await passVerification(t, '3000000012')];
    for (const { flow } of flows) {
      expect((await t.call('POST', '/v1/flows/current/security-questions', { answers: GOOD_ANSWERS }, bearer(flow.flowToken))).status).toBe(
        200,
      );
    }
    const [a, b] = await Promise.all(
      flows.map(({ flow }, i) =>
        t.call('POST', '/v1/flows/current/email', { mode: 'new', email: `lucia.${i}@example.net` }, bearer(flow.flowToken)),
      ),
    );
    expect([a!.status, b!.status].sort()).toEqual([202, 429]);
    expect([a!.body.type, b!.body.type]).toContain(C.problemType('email-limit'));
  });
});
