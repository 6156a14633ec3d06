/**
 * A bounded argon2id backlog: a request that would hash while ARGON2_MAX_WAITING operations already
 * wait for a slot is refused at once, 503 `unavailable` with Retry-After, before anything is taken
 * from the person: no attempt (SS-06), no step, no link. So a flood of wrong recuperar answers (two
 * verifications each, bench/server-load.mjs) cannot build an unbounded queue that makes every
 * person wait past the widget's deadline; a person past the verification may wait behind twice as
 * many, so such a flood, refused at the bound, leaves them room to finish; and what does not hash
 * (a generar verification) is answered as usual. Real HTTP and database; the hasher is argon2id
 * behind a gate the test holds shut, so the queue's length is the test's, never the machine's speed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createArgon2Hasher, type Hasher } from '../../server/crypto/hasher.ts';
import { Semaphore } from '../../server/db/mutex.ts';
import { DEMO_PASSWORD } from '../../server/demo/identities.ts';
import { bearer, startTestServer, tokenFromMail, type TestServer } from './helpers/harness.ts';
import { demo, GOOD_ANSWERS, NEW_PASSWORD, passVerification, startFlow } from './helpers/flows.ts';

/** argon2id with one slot, behind a gate: while it is shut, the first operation holds the slot and the rest wait. */
function gatedHasher() {
  const inner = createArgon2Hasher(1);
  const slot = new Semaphore(1);
  let open: Promise<void> = Promise.resolve();
  let release = () => {};
  const through = <T>(job: () => Promise<T>) => slot.run(async () => (await open, job()));
  const hasher: Hasher = {
    hash: (plain) => through(() => inner.hash(plain)),
    verify: (phc, plain) => through(() => inner.verify(phc, plain)),
    stats: () => slot.stats,
  };
  return {
    hasher,
    shut: () => void (open = new Promise<void>((r) => (release = r))),
    open: () => release(),
  };
}

const gate = gatedHasher();
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ config: { argon2MaxWaiting: 1 }, overrides: { hasher: gate.hasher } });
});
afterAll(() => t?.close());

const RECUPERAR = '1712345675';
const GENERAR = '0920000015';
const wrong = (flow: { flowToken: string; verification: { questions: Array<{ id: string }> } }) =>
  t.call(
    'POST',
    '/v1/flows/current/verification',
    { birthDay: 31, birthMonth: 12, answers: flow.verification.questions.map((q) => ({ questionId: q.id, answer: 'otra cosa' })) },
    bearer(flow.flowToken),
  );
const queueHolds = (waiting: number) =>
  vi.waitFor(() => expect(gate.hasher.stats().waiting).toBe(waiting), { timeout: 30_000, interval: 20 });
const expectBusy = (res: { status: number; body: { type: string; retryAfter?: number }; headers: Headers }) => {
  expect(res.status).toBe(503);
  expect(res.body.type).toBe('urn:iess-clave:problem:unavailable');
  expect(res.body.retryAfter).toBeGreaterThan(0);
  expect(res.headers.get('retry-after')).toBe(String(res.body.retryAfter));
};

describe('a full argon2id queue refuses what would hash, and takes nothing (SS-06)', () => {
  it('a wrong recuperar answer is refused 503 with Retry-After and costs no attempt; a generar verification is answered', async () => {
    const first = await startFlow(t, RECUPERAR);
    const refused = await startFlow(t, RECUPERAR);
    expect(first.verification.attemptsLeft).toBe(5);
    gate.shut();
    // Its two verifications, queued together: one holds the slot, one waits; the queue is full.
    const holding = wrong(first);
    await queueHolds(1);

    expectBusy(await wrong(refused));
    // Nothing to hash: answered while the queue is full.
    expect((await passVerification(t, GENERAR)).verified.next).toBe('security-questions');

    gate.open();
    expect((await holding).body.attemptsLeft).toBe(4);
    // The refused answer sent again is judged: the refusal had taken no attempt.
    const again = await wrong(refused);
    expect(again.status).toBe(422);
    expect(again.body.attemptsLeft).toBe(3);
  });

  it('sign-in is refused at the bound; a person past the verification (security answers, new password) only at twice it, and loses nothing', async () => {
    const { flow } = await passVerification(t, GENERAR);
    const blocker = await startFlow(t, 'E0012345', 'extranjero');
    const signIn = (id: string, password: string) => t.call('POST', '/v1/sessions', { idType: 'cedula', id, password });
    const saveAnswers = () => t.call('POST', '/v1/flows/current/security-questions', { answers: GOOD_ANSWERS }, bearer(flow.flowToken));
    gate.shut();
    const holding = wrong(blocker);
    await queueHolds(1); // full for anyone
    expectBusy(await signIn(RECUPERAR, DEMO_PASSWORD));
    // The security answers still go in (1 of the 2 a verified person may wait behind), and queue 3 more.
    const saving = saveAnswers();
    await queueHolds(4);
    // Past twice the bound, a person past the verification is refused too, and the step is kept.
    expectBusy(await saveAnswers());
    expect((await t.call('GET', '/v1/flows/current', undefined, bearer(flow.flowToken))).body.step).toBe('security-questions');
    gate.open();
    expect((await holding).status).toBe(422);
    expect((await saving).status).toBe(200);

    expect((await t.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, bearer(flow.flowToken))).status).toBe(202);
    const token = tokenFromMail((await t.mail()).find((m) => m.to === demo(GENERAR).email)!);
    const complete = () =>
      t.call('POST', '/v1/activation/complete', {
        token,
        declarationAccepted: true,
        declarationVersion: t.config.declaration.version,
        password: NEW_PASSWORD,
        passwordConfirmation: NEW_PASSWORD,
      });
    gate.shut();
    const signingIn = signIn(RECUPERAR, 'no es la clave'); // holds the slot
    const guessing = wrong(await startFlow(t, RECUPERAR)); // its two verifications wait
    await queueHolds(2);
    expectBusy(await complete());
    gate.open();
    expect((await signingIn).status).toBe(401);
    expect((await guessing).status).toBe(422);

    // Between the bound and twice it, the new password goes in: the link was not used by the refusal.
    gate.shut();
    const another = wrong(await startFlow(t, 'E0012345', 'extranjero'));
    await queueHolds(1);
    const completing = complete();
    await queueHolds(2);
    gate.open();
    expect((await another).status).toBe(422);
    expect((await completing).status).toBe(200);
    expect((await signIn(GENERAR, NEW_PASSWORD)).status).toBe(201);
    // Each refusal of this file is counted for the operators (iess_argon2_queue_refusals_total).
    expect((await t.server.deps.metrics.argon2Refusals.get()).values[0]?.value).toBe(4);
  });
});
