/**
 * Issue 9's counter findings over real HTTP: the attempts counter shows no owner activity (no reset
 * on success, rounds age out), parallel answers after the lock run no hash, and past the takeover
 * bound a person without an address on record registers a new one in person (SS-06, SS-15).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArgon2Hasher } from '../../server/crypto/hasher.ts';
import { ATTEMPT_WINDOW_HOURS } from '../../server/domain/verification-policy.ts';
import { bearer, startTestServer, type TestServer } from './helpers/harness.ts';
import { countingHasher } from './helpers/counting-hasher.ts';
import { demo, GOOD_ANSWERS, rightAnswers, startFlow } from './helpers/flows.ts';
import { cedula } from './helpers/ids.ts';

const counter = countingHasher(createArgon2Hasher(2));
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ overrides: { hasher: counter.hasher } });
});
afterAll(() => t?.close());

const verifyWith = (token: string, body: unknown) => t.call('POST', '/v1/flows/current/verification', body, bearer(token));
const wrongOnce = async (id: string) => {
  const flow = await startFlow(t, id);
  return verifyWith(flow.flowToken, {
    birthDay: 31,
    birthMonth: 12,
    answers: flow.verification.questions.map((q: { id: string }) => ({ questionId: q.id, answer: 'op1' })),
  });
};
const passOnce = async (id: string) => {
  const record = demo(id);
  const flow = await startFlow(t, id);
  const res = await verifyWith(flow.flowToken, {
    birthDay: record.birthDay,
    birthMonth: record.birthMonth,
    answers: rightAnswers(record, flow.verification.questions),
  });
  return { flow, res };
};

describe('the attempts counter (issue 9 §3, SS-06)', () => {
  it("a pass resets nothing: BUSCAR shows the same count for a real identification after its owner's pass as for an unknown one", async () => {
    const real = '0920000015';
    const unknown = cedula(8, 424242);
    for (const id of [real, unknown]) for (let i = 0; i < 2; i++) expect((await wrongOnce(id)).status).toBe(422);
    expect((await passOnce(real)).res.status).toBe(200);
    expect((await startFlow(t, real)).verification.attemptsLeft).toBe(3);
    expect((await startFlow(t, unknown)).verification.attemptsLeft).toBe(3);
  });

  it(`a round ages out ${ATTEMPT_WINDOW_HOURS} h after its last failure, for real and unknown alike`, async () => {
    const real = '1712345675';
    const unknown = cedula(8, 434343);
    for (const id of [real, unknown]) expect((await wrongOnce(id)).status).toBe(422);
    t.clock.advance(ATTEMPT_WINDOW_HOURS * 3600_000 - 60_000);
    for (const id of [real, unknown]) expect((await startFlow(t, id)).verification.attemptsLeft).toBe(4);
    t.clock.advance(120_000);
    for (const id of [real, unknown]) expect((await startFlow(t, id)).verification.attemptsLeft).toBe(5);
  });

  it('50 parallel wrong answers run at most 5 × 2 argon2 verifications: the attempt is taken before hashing (§8)', async () => {
    const id = 'E0012345';
    const flows = await Promise.all(Array.from({ length: 5 }, () => startFlow(t, id, 'extranjero')));
    counter.reset();
    const answers = (q: Array<{ id: string }>) => q.map((x) => ({ questionId: x.id, answer: 'no la sé' }));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        verifyWith(flows[i % 5]!.flowToken, { birthDay: 1, birthMonth: 1, answers: answers(flows[i % 5]!.verification.questions) }),
      ),
    );
    expect(results.filter((r) => r.status === 422)).toHaveLength(4);
    expect(results.filter((r) => r.status === 423)).toHaveLength(46);
    expect(counter.counts.verify).toBeLessThanOrEqual(5 * 2);
  });
});

describe('the takeover bound, enforced (issue 9 §1; docs/security.md "A bound on blind takeover")', () => {
  it('Rosa (no address on record, 2 questions of 10 options: 1 % a try) may register a new address only with no failure in the last year', async () => {
    const rosa = '0100000009';
    const first = await passOnce(rosa);
    expect(first.res.status).toBe(200);
    expect(first.res.body.next).toBe('security-questions');
    expect(first.res.body.email).toEqual({ onRecord: false });

    expect((await wrongOnce(rosa)).status).toBe(422);
    const second = await passOnce(rosa);
    expect(second.res.status).toBe(200);
    // In person: no security questions to fill in for nothing, and the server refuses a new address.
    expect(second.res.body.next).toBe('email');
    expect(second.res.body.email).toEqual({ onRecord: false, inPersonOnly: true });
    const token = second.flow.flowToken;
    const refused = await t.call('POST', '/v1/flows/current/email', { mode: 'new', email: 'atacante@example.com' }, bearer(token));
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/in-person-required$/);
    // Even when the first flow (passed before the failure) tries: its permission was decided at its pass,
    // when the bound allowed it; it stays the one allowed try.
    const saved = await t.call('POST', '/v1/flows/current/security-questions', { answers: GOOD_ANSWERS }, bearer(first.flow.flowToken));
    expect(saved.status).toBe(200);

    // A year later the failure no longer counts.
    t.clock.advance(366 * 24 * 3600_000);
    expect((await passOnce(rosa)).res.body.email).toEqual({ onRecord: false });
  });
});
