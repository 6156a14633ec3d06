/**
 * Issue 15: the SQL statements of BUSCAR, of setting the password and of sending a mail, counted
 * through a kysely plugin on the server's own database: each is a round trip, and on PGlite each
 * queues behind every other request's. A BUSCAR is three: the captcha's replay mark, one read
 * (subject, kept challenge, counter, decoy template), the new flow (which on an identification's
 * first look-up also keeps its new challenge). Real and decoy identifications run the same
 * statements, in the same number (SS-04: structural, never timing). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { bearer, startTestServer, testDatabase, tokenFromMail, type TestServer } from './helpers/harness.ts';
import { GOOD_ANSWERS, NEW_PASSWORD, passVerification, startFlow } from './helpers/flows.ts';
import { cedula } from './helpers/ids.ts';

/** Counts statements and remembers their first four words (an outbox claim and a mark differ in the fourth). */
class Counting implements KyselyPlugin {
  statements: string[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node as { kind: string; sqlFragments?: readonly string[] };
    this.statements.push(node.kind === 'RawNode' ? (node.sqlFragments?.[0] ?? '').trim().split(/\s+/).slice(0, 4).join(' ') : node.kind);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const counting = new Counting();
let t: TestServer;

beforeAll(async () => {
  const database = await testDatabase();
  t = await startTestServer({ database: { ...database, db: database.db.withPlugin(counting) } });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** The statements one BUSCAR runs (the captcha challenge is minted without the database). */
async function statementsOf(id: string): Promise<string[]> {
  const captcha = await t.captcha();
  counting.statements = [];
  const res = await t.call('POST', '/v1/flows', { idType: 'cedula', id, captcha });
  expect(res.status).toBe(201);
  return counting.statements;
}

describe('BUSCAR statements (issue 15)', () => {
  it('a look-up runs 3 statements, first or repeated, the same for a real and an unknown identification', async () => {
    // The registry's answer distributions are read once and cached (challenges.ts): fill the cache.
    await startFlow(t, '0920000015');
    const real = '1712345675';
    const unknown = cedula(17, 612345);
    const firstReal = await statementsOf(real);
    const firstDecoy = await statementsOf(unknown);
    const againReal = await statementsOf(real);
    const againDecoy = await statementsOf(unknown);
    expect(firstReal).toHaveLength(3);
    expect(againReal).toHaveLength(3);
    expect(firstDecoy).toEqual(firstReal);
    expect(againDecoy).toEqual(againReal);
    // The kept challenge is shown again, not drawn anew.
    const a = await startFlow(t, unknown);
    const b = await startFlow(t, unknown);
    expect(b.verification.questions).toEqual(a.verification.questions);
  });

  it('first look-ups at once all show the one challenge kept', async () => {
    for (const id of [cedula(17, 612346), '0920000015']) {
      const flows = await Promise.all(Array.from({ length: 6 }, () => startFlow(t, id)));
      for (const f of flows) expect(f.verification.questions).toEqual(flows[0].verification.questions);
      expect((await startFlow(t, id)).verification.questions).toEqual(flows[0].verification.questions);
    }
  });
});

describe('setting the password and sending its mail (issue 15)', () => {
  it('GENERAR stores its three security answers in one statement (14 in all); its mail costs a claim and a mark', async () => {
    const { flow } = await passVerification(t, '0920000015');
    const auth = bearer(flow.flowToken);
    expect((await t.call('POST', '/v1/flows/current/security-questions', { answers: GOOD_ANSWERS }, auth)).status).toBe(200);
    expect((await t.call('POST', '/v1/flows/current/email', { mode: 'on-record' }, auth)).status).toBe(202);
    const token = tokenFromMail((await t.mail()).find((m) => m.subject === 'ACTIVACIÓN CLAVE')!);
    counting.statements = [];
    const res = await t.call('POST', '/v1/activation/complete', {
      token,
      declarationAccepted: true,
      declarationVersion: t.config.declaration.version,
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    });
    expect(res.status).toBe(200);
    // The request's own statements (the outbox's pass, which its commit kicks, runs beside it).
    const own = counting.statements.filter((s) => !/^UPDATE outbox/.test(s));
    expect(own.filter((s) => /^INSERT INTO security_answers/.test(s))).toHaveLength(1);
    expect(own).toHaveLength(14);
    // The "CLAVE CAMBIADA" mail: the pass the commit kicks claims it, sends it and marks it sent,
    // then stops (its batch was short), with no claim that finds nothing; only then does t.mail()
    // ask for one more pass, which claims nothing.
    const caught = async () => (await t.server.catcher!.messages()).some((m) => m.subject === 'CLAVE CAMBIADA');
    await expect.poll(caught, { timeout: 30_000 }).toBe(true);
    const outbox = () => counting.statements.filter((s) => /^UPDATE outbox/.test(s));
    await expect.poll(outbox, { timeout: 30_000 }).toEqual(['UPDATE outbox SET claimed_until', 'UPDATE outbox SET sent_at']);
    await t.mail();
    expect(outbox()).toEqual(['UPDATE outbox SET claimed_until', 'UPDATE outbox SET sent_at', 'UPDATE outbox SET claimed_until']);
  });
});
