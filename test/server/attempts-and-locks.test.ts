/**
 * SS-06: 5 failed verifications per identification, across flows, lock the recovery (never the
 * sign-in) for lockMinutes; exact under 20 parallel wrong answers, also with two server instances
 * sharing one database (a real PostgreSQL when TEST_DATABASE_URL is set).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../widget/api/contract.ts';
import { FakeClock } from '../../server/ports.ts';
import { openDatabase, type OpenedDatabase } from '../../server/db/database.ts';
import { DEMO_PASSWORD } from '../../server/demo/identities.ts';
import { bearer, startTestServer, testDatabase, type TestServer } from './helpers/harness.ts';
import { demo, rightAnswers, startFlow } from './helpers/flows.ts';

let t: TestServer;
let second: TestServer;
let secondDb: OpenedDatabase | undefined;
let shared: OpenedDatabase;
const clock = new FakeClock();

beforeAll(async () => {
  shared = await testDatabase();
  t = await startTestServer({ database: shared, overrides: { clock } });
  // The second instance: its own pool on the same PostgreSQL, or the same PGlite handle.
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const schemaUrl = (shared as unknown as { url?: string }).url;
    secondDb = schemaUrl ? await openDatabase({ databaseUrl: schemaUrl, dataDir: '' }) : undefined;
  }
  second = await startTestServer({ database: secondDb ?? shared, overrides: { clock }, seed: false });
});
afterAll(async () => {
  await second?.close();
  await t?.close();
  await secondDb?.close();
  await shared?.close();
});

const wrong = (s: TestServer, token: string, key?: string) =>
  s.call(
    'POST',
    '/v1/flows/current/verification',
    { birthDay: 31, birthMonth: 12, answers: [] },
    { ...bearer(token), ...(key ? { 'idempotency-key': key } : {}) },
  );

const failures = async (id: string) =>
  (
    await sql<{
      failures: number;
    }>`SELECT c.failures FROM attempt_counters c JOIN flows f ON f.subject_key = c.subject_key WHERE f.identification = ${id} LIMIT 1`.execute(
      shared.db,
    )
  ).rows[0]?.failures;

describe('SS-06 attempts and locks', () => {
  it('counts across flows, locks on the fifth, refuses even a right answer, never locks sign-in, and unlocks after lockMinutes', async () => {
    const id = '1712345675';
    const results = [];
    for (let i = 0; i < 5; i++) {
      const flow = await startFlow(t, id); // a new flow (and captcha) each time: the count carries on
      results.push(await wrong(t, flow.flowToken));
    }
    expect(results.map((r) => r.status)).toEqual([422, 422, 422, 422, 423]);
    expect(results.map((r) => r.body.attemptsLeft)).toEqual([4, 3, 2, 1, 0]);
    const locked = results[4]!.body;
    expect(locked.type).toBe(C.problemType('locked'));
    expect(new Date(locked.lockedUntil).getTime() - new Date(locked.now).getTime()).toBe(t.config.limits.lockMinutes * 60_000);

    const flow = await startFlow(t, id);
    expect(flow.verification.attemptsLeft).toBe(0);
    const record = demo(id);
    const right = { birthDay: record.birthDay, birthMonth: record.birthMonth, answers: rightAnswers(record, flow.verification.questions) };
    const refused = await t.call('POST', '/v1/flows/current/verification', right, bearer(flow.flowToken));
    expect(refused.status).toBe(423);

    const signIn = await t.call('POST', '/v1/sessions', { idType: 'cedula', id, password: DEMO_PASSWORD });
    expect(signIn.status).toBe(201);

    clock.advance(t.config.limits.lockMinutes * 60_000 + 1000);
    const later = await startFlow(t, id);
    expect(later.verification.attemptsLeft).toBe(5);
    const ok = await t.call(
      'POST',
      '/v1/flows/current/verification',
      { ...right, answers: rightAnswers(record, later.verification.questions) },
      bearer(later.flowToken),
    );
    expect(ok.status).toBe(200);
    expect(await failures(id)).toBe(0);
  });

  it('BUSCAR on a locked identification says until when, for a real and a decoy identification alike (issue 10, SS-04)', async () => {
    const real = '1712345675';
    const decoy = '1710034065'; // a valid cédula that is in no registry: a decoy flow
    const locks: Record<string, { lockedUntil: string; now: string }> = {};
    for (const id of [real, decoy]) {
      for (let i = 0; i < 5; i++) await wrong(t, (await startFlow(t, id)).flowToken);
      const again = await startFlow(t, id);
      expect(again.verification.attemptsLeft).toBe(0);
      expect(Object.keys(again.verification).sort()).toEqual(['attemptsLeft', 'lockedUntil', 'maxAttempts', 'questions']);
      const lockedUntil = again.verification.lockedUntil!;
      expect(Date.parse(lockedUntil) - Date.parse(again.now)).toBe(t.config.limits.lockMinutes * 60_000);
      locks[id] = { lockedUntil, now: again.now };
    }
    // Not locked: no lockedUntil at all (the same for both kinds too).
    clock.advance(t.config.limits.lockMinutes * 60_000 + 1000);
    for (const id of [real, decoy]) expect((await startFlow(t, id)).verification).not.toHaveProperty('lockedUntil');
  });

  it('a repeat with the same Idempotency-Key does not count as another attempt', async () => {
    const flow = await startFlow(t, '0920000015');
    const a = await wrong(t, flow.flowToken, 'k-1');
    const b = await wrong(t, flow.flowToken, 'k-1');
    expect(a.status).toBe(422);
    expect(b.body).toEqual(a.body);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(await failures('0920000015')).toBe(1);
    const conflict = await t.call(
      'POST',
      '/v1/flows/current/verification',
      { birthDay: 1, birthMonth: 1, answers: [] },
      { ...bearer(flow.flowToken), 'idempotency-key': 'k-1' },
    );
    expect(conflict.body.type).toBe(C.problemType('idempotency-conflict'));
    const malformed = await t.call(
      'POST',
      '/v1/flows/current/verification',
      { birthDay: 40, birthMonth: 1, answers: [] },
      bearer(flow.flowToken),
    );
    expect(malformed.status).toBe(400);
    expect(await failures('0920000015')).toBe(1);
  });

  it('20 parallel wrong answers over two server instances count exactly 5 failures', async () => {
    const id = '3000000012';
    const flows = await Promise.all(Array.from({ length: 4 }, (_, i) => startFlow(i % 2 ? second : t, id)));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => wrong(i % 2 ? second : t, flows[i % 4]!.flowToken)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 422)).toHaveLength(4);
    expect(statuses.filter((s) => s === 423)).toHaveLength(16);
    expect(
      results
        .filter((r) => r.status === 422)
        .map((r) => r.body.attemptsLeft)
        .sort(),
    ).toEqual([1, 2, 3, 4]);
    expect(await failures(id)).toBe(5);
  });
});
