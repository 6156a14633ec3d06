/**
 * Idempotency keys keep the first answer so a retry gets it again — including BUSCAR's live flow
 * token. That stored answer is sealed with a key derived from the request, so the database alone
 * (a backup, a replica) does not hold a usable bearer token (protocol: tokens stored hashed).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

describe('idempotent replays', () => {
  it('a BUSCAR retry with the same key and body gets the same flow token, which the database does not hold in clear', async () => {
    const body = { idType: 'cedula', id: '1712345675', captcha: await t.captcha() };
    const headers = { 'idempotency-key': 'buscar-sealed-1' };
    const first = await t.call('POST', '/v1/flows', body, headers);
    const again = await t.call('POST', '/v1/flows', body, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.flowToken).toBe(first.body.flowToken);

    const { rows } = await sql<{ body: string }>`SELECT body FROM idempotency_keys WHERE key = ${'buscar-sealed-1'}`.execute(t.database.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.body).not.toContain(first.body.flowToken);
    expect(rows[0]!.body).not.toContain('maskedId');
  });
});
