/**
 * SS-04: a decoy must not give away what kind of person a real identification belongs to. Decoys
 * copy the shape of a registered person picked at random, so over many unknown identifications,
 * BUSCAR shows decoys of every shape the demo people have — over real HTTP. (How often each shape
 * appears is measured in test/security/attacker-model.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDENTITIES } from '../../server/demo/identities.ts';
import { startTestServer, type TestServer } from './helpers/harness.ts';
import { startFlow } from './helpers/flows.ts';
import { cedula } from './helpers/ids.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const shapeOf = (flow: { verification: { questions: Array<{ id: string }> } }) =>
  flow.verification.questions
    .map((q) => q.id)
    .sort()
    .join(',');

describe('SS-04 decoys imitate every kind of person', () => {
  it('the generar question sets of unknown identifications cover those of real affiliates, retirees and dependants', async () => {
    const real = new Set<string>();
    for (const person of DEMO_IDENTITIES.filter((p) => !p.password && p.idType === 'cedula')) {
      real.add(shapeOf(await startFlow(t, person.id)));
    }
    expect(real.size).toBe(3); // affiliate, retiree, dependant

    const decoy = new Set<string>();
    for (let i = 1; i <= 400 && ![...real].every((shape) => decoy.has(shape)); i++) {
      const flow = await startFlow(t, cedula(9, 700000 + i));
      if (flow.case === 'generar') decoy.add(shapeOf(flow));
    }
    for (const shape of real) expect(decoy, `no decoy looks like ${shape}`).toContain(shape);
  }, 300_000);
});
