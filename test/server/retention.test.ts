/** DP-05: expired flow state, links, replay entries and keys are purged; live ones stay. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpired } from '../../server/db/retention.ts';
import { FakeClock } from '../../server/ports.ts';
import { bearer, startTestServer, type TestServer } from './helpers/harness.ts';
import { passVerification, startFlow } from './helpers/flows.ts';
import { cedula } from './helpers/ids.ts';

let t: TestServer;
const clock = new FakeClock();
beforeAll(async () => {
  t = await startTestServer({ overrides: { clock } });
});
afterAll(() => t?.close());

const count = async (table: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.database.db)).rows[0]!.n;

describe('DP-05 retention', () => {
  it('purges what expired more than a day ago and keeps what is live', async () => {
    const { flow } = await passVerification(t, '1712345675');
    await t.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, { ...bearer(flow.flowToken), 'idempotency-key': 'k1' });
    const decoy = await startFlow(t, cedula(12, 4242));
    await t.call('POST', '/v1/flows/current/verification', { birthDay: 1, birthMonth: 1, answers: [] }, bearer(decoy.flowToken));
    expect(await count('flows')).toBe(2);
    expect(await count('activation_tokens')).toBe(1);
    expect(await count('captcha_used')).toBe(2);
    // Every verification takes an attempt first (a pass gives it back): a counter for each identification.
    expect(await count('attempt_counters')).toBe(2);
    expect(await count('verification_failures')).toBe(1); // the decoy's failure

    expect(await purgeExpired(t.database.db, clock.now(), t.config.limits.lockMinutes)).toMatchObject({ flows: 0, captcha_used: 0 });
    expect(await count('flows')).toBe(2);

    await t.mail();
    clock.advance(t.config.limits.flowLifetimeSeconds * 1000 + 25 * 3600_000);
    const purged = await purgeExpired(t.database.db, clock.now(), t.config.limits.lockMinutes);
    expect(purged).toMatchObject({ flows: 2, captcha_used: 2, idempotency_keys: 1 });
    for (const table of ['flows', 'activation_tokens', 'captcha_used', 'idempotency_keys', 'attempt_counters', 'outbox'])
      expect(await count(table), table).toBe(0);
    expect(await count('affiliates')).toBeGreaterThan(0);
    // Failures count against the new-address budget for a year (domain/verification-policy.ts), then go.
    expect(await count('verification_failures')).toBe(1);
    clock.advance(366 * 24 * 3600_000);
    expect(await purgeExpired(t.database.db, clock.now(), t.config.limits.lockMinutes)).toMatchObject({ verification_failures: 1 });
    expect(await count('verification_failures')).toBe(0);
  });
});
