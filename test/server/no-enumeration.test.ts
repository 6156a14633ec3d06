/**
 * SS-04: an unknown identification gets a decoy flow that answers like a real one, counts and locks
 * like one, and runs the same number of argon2 operations, counted through an injected hasher
 * (structural proof, never timing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../widget/api/contract.ts';
import { createArgon2Hasher } from '../../server/crypto/hasher.ts';
import { bearer, startTestServer, type TestServer } from './helpers/harness.ts';
import { countingHasher } from './helpers/counting-hasher.ts';
import { startFlow } from './helpers/flows.ts';
import { cedula } from './helpers/ids.ts';

const counter = countingHasher(createArgon2Hasher(2));
let t: TestServer;
const decoys: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestServer({ overrides: { hasher: counter.hasher } });
  // Unknown identifications, one imitating each case with the shape of the known person compared
  // with it (decoys copy the shape of a registered person picked at random: how often each shape
  // appears is measured in test/security/attacker-model.test.ts).
  const signature = (f: { case: string; verification: { questions: Array<{ kind: string; options?: unknown[] }> } }) =>
    `${f.case}:${f.verification.questions.map((q) => `${q.kind}${q.options?.length ?? 0}`).join(',')}`;
  const wanted = { recuperar: signature(await startFlow(t, '1712345675')), generar: signature(await startFlow(t, '0920000015')) };
  for (let i = 1; i < 2000 && !(decoys.recuperar && decoys.generar); i++) {
    const id = cedula(17, 500000 + i);
    const flow = await startFlow(t, id);
    if (signature(flow) === wanted[flow.case as 'generar' | 'recuperar']) decoys[flow.case] ??= id;
  }
}, 300_000);
afterAll(() => t?.close());

const shape = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(shape)
    : v && typeof v === 'object'
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]))
      : typeof v;

const wrongVerify = (token: string, questions: Array<{ id: string; kind: string; options?: Array<{ value: string }> }>) =>
  t.call(
    'POST',
    '/v1/flows/current/verification',
    {
      birthDay: 1,
      birthMonth: 1,
      answers: questions.map((q) => ({ questionId: q.id, answer: q.kind === 'choice' ? q.options![0]!.value : 'respuesta cualquiera' })),
    },
    bearer(token),
  );

describe('SS-04 no enumeration', () => {
  it('BUSCAR answers a known and an unknown identification with the same status, headers and body shape', async () => {
    for (const [known, unknown] of [
      ['1712345675', decoys.recuperar!],
      ['0920000015', decoys.generar!],
    ] as const) {
      const a = await t.call('POST', '/v1/flows', { idType: 'cedula', id: known, captcha: await t.captcha() });
      const b = await t.call('POST', '/v1/flows', { idType: 'cedula', id: unknown, captcha: await t.captcha() });
      expect(b.status).toBe(a.status);
      expect([...b.headers.keys()].sort()).toEqual([...a.headers.keys()].sort());
      expect(shape(b.body)).toEqual(shape(a.body));
      expect(C.StartFlowResponse.safeParse(b.body).success).toBe(true);
      expect(b.body.case).toBe(a.body.case);
      expect(b.body.maskedId).toBe('******' + unknown.slice(-4));
    }
  });

  it('decoys are stable: repeated look-ups show the same case and questions', async () => {
    const first = await startFlow(t, decoys.generar!);
    const again = await startFlow(t, decoys.generar!);
    expect(again.case).toBe(first.case);
    expect(again.verification.questions).toEqual(first.verification.questions);
  });

  it('BUSCAR runs no hash operation, known or unknown', async () => {
    counter.reset();
    await startFlow(t, '1712345675');
    await startFlow(t, decoys.recuperar!);
    await startFlow(t, decoys.generar!);
    expect(counter.total()).toBe(0);
  });

  it('a wrong verification costs the same argon2 operations for a real and a decoy flow of each case', async () => {
    for (const [known, unknown, expected] of [
      ['1712345675', decoys.recuperar!, 2],
      ['0920000015', decoys.generar!, 0],
    ] as const) {
      const real = await startFlow(t, known);
      counter.reset();
      const r = await wrongVerify(real.flowToken, real.verification.questions);
      const realOps = { ...counter.counts };
      const fake = await startFlow(t, unknown);
      counter.reset();
      const f = await wrongVerify(fake.flowToken, fake.verification.questions);
      expect(counter.counts).toEqual(realOps);
      expect(realOps).toEqual({ hash: 0, verify: expected });
      expect(f.status).toBe(r.status);
      expect(shape(f.body)).toEqual(shape(r.body));
    }
  });

  it('decoys count attempts and lock exactly like a real identification', async () => {
    const id = cedula(9, 777001);
    const statuses: number[] = [];
    const left: Array<number | undefined> = [];
    for (let i = 0; i < 6; i++) {
      const flow = await startFlow(t, id);
      const r = await wrongVerify(flow.flowToken, flow.verification.questions);
      statuses.push(r.status);
      left.push(r.body.attemptsLeft);
      if (i === 5) expect(r.body.lockedUntil).toBeDefined();
    }
    expect(statuses).toEqual([422, 422, 422, 422, 423, 423]);
    expect(left).toEqual([4, 3, 2, 1, 0, 0]);
    // A new BUSCAR still answers 201 and shows the remaining attempts as 0, like a real one.
    expect((await startFlow(t, id)).verification.attemptsLeft).toBe(0);
  });

  it('sign-in does one verification for an unknown id, an id without password and a wrong password', async () => {
    for (const id of [decoys.generar!, '0920000015', '1712345675']) {
      counter.reset();
      const r = await t.call('POST', '/v1/sessions', { idType: 'cedula', id, password: 'no es la clave correcta' });
      expect(r.status).toBe(401);
      expect(r.body.type).toBe(C.problemType('invalid-credentials'));
      expect(counter.counts).toEqual({ hash: 0, verify: 1 });
    }
  });
});
