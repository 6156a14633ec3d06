/**
 * The attacker model of issue 9 (docs/security.md "Attacker model"): a stranger who knows
 * identifications and days/months of birth, talking HTTP only to a real server on a realistic
 * synthetic registry (≥ 1,000 people, Zipf employers, every kind, with and without address,
 * foreigners) and as many unknown identifications. Deterministic (seeded registry, seeded attacker
 * choices); nothing here measures time.
 *
 * Asserted (SS-04 indistinguishability, SS-06 attempts, SS-10 verification strength):
 * - every strategy's success per question ≤ 1/k + 0.03 (k options);
 * - every real-vs-decoy feature's AUC ≤ 0.55, before and after an import, and in what
 *   "Necesito más tiempo" (the flow extension) answers;
 * - the takeover bound: P(a blind attacker registers a new address) ≤ 1 % per person, measured from
 *   the server's own answers over every attempt its lock policy allows.
 * The figures are printed (and copied into docs/security.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../server/config.ts';
import { answerOf, FACT_QUESTIONS } from '../../server/domain/challenge.ts';
import { MAX_BLIND_PASS } from '../../server/domain/verification-policy.ts';
import { insertPopulation, seededRandom, syntheticRegistry } from '../../server/registry/synthetic.ts';
import { upsertRecord, type RegistryRecord } from '../../server/registry/records.ts';
import { forgetDistributions } from '../../server/usecases/challenges.ts';
import { cedulaCheckDigit } from '../../widget/domain/cedula.ts';
import { bearer, startTestServer, testDatabase, type TestServer } from '../server/helpers/harness.ts';

const REGISTRY = { seed: 23, size: 1200 };
const UNKNOWN = 1000;
const TOLERANCE = 0.03;
const MAX_AUC = 0.55;

interface Shown {
  case: 'generar' | 'recuperar';
  attemptsLeft: number;
  questions: Array<{ id: string; kind: string; options?: Array<{ value: string; label: string }> }>;
}

/** Mann–Whitney AUC of a feature (real scored as positive); ties count half. Symmetric: max(a, 1−a). */
function auc(real: number[], decoy: number[]): number {
  let wins = 0;
  for (const r of real) for (const d of decoy) wins += r > d ? 1 : r === d ? 0.5 : 0;
  const a = wins / (real.length * decoy.length);
  return Math.max(a, 1 - a);
}

function unknownIds(count: number, taken: Set<string>): string[] {
  const random = seededRandom(99);
  const ids: string[] = [];
  while (ids.length < count) {
    const nine =
      String(1 + Math.floor(random() * 24)).padStart(2, '0') +
      String(Math.floor(random() * 6)) +
      String(Math.floor(random() * 1e6)).padStart(6, '0');
    const id = nine + String(cedulaCheckDigit(nine));
    if (!taken.has(id)) {
      taken.add(id);
      ids.push(id);
    }
  }
  return ids;
}

for (const backend of ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])] as const) {
  describe(`attacker model over HTTP on ${backend} (issue 9; SS-04, SS-06, SS-10)`, () => {
    let t: TestServer;
    const registry = syntheticRegistry(REGISTRY);
    const real = registry.filter((r) => r.idType === 'cedula');
    const unknown = unknownIds(UNKNOWN, new Set(registry.map((r) => r.id)));
    const shownReal = new Map<string, Shown>();
    const shownUnknown = new Map<string, Shown>();

    const buscar = async (id: string): Promise<Shown & { flowToken: string }> => {
      const res = await t.call('POST', '/v1/flows', { idType: 'cedula', id, captcha: await t.captcha() });
      if (res.status !== 201) throw new Error(`BUSCAR ${id}: ${res.status} ${JSON.stringify(res.body)}`);
      return {
        case: res.body.case,
        attemptsLeft: res.body.verification.attemptsLeft,
        questions: res.body.verification.questions,
        flowToken: res.body.flowToken,
      };
    };

    beforeAll(async () => {
      const database =
        backend === 'pglite' ? await (await import('../server/helpers/pglite-template.ts')).freshPGlite() : await testDatabase();
      t = await startTestServer({
        database,
        seed: false,
        config: {
          rateLimits: {
            ...testConfig().rateLimits,
            perIpPerMinute: 1e6,
            perIdentificationPerHour: 1e6,
            perDestinationPerHour: 1e6,
            globalPerMinute: 1e7,
          },
        },
      });
      forgetDistributions();
      await insertPopulation(database.db, t.server.deps.hasher, registry, t.clock.now());
      for (const r of real) shownReal.set(r.id, await buscar(r.id));
      for (const id of unknown) shownUnknown.set(id, await buscar(id));
    }, 600_000);
    afterAll(async () => {
      await t?.close();
      await (t?.database as { close?: () => Promise<void> })?.close?.();
    });

    const byId = new Map(real.map((r) => [r.id, r]));
    const rightLabel = (r: RegistryRecord, questionId: string) =>
      answerOf(
        r.facts,
        FACT_QUESTIONS.find((q) => q.id === questionId)!,
      );
    /** POST …/verification as `person` (their day and month) choosing the right option of each question, or a wrong one. */
    const verifyAs = (person: RegistryRecord, flow: Shown & { flowToken: string }, choose: 'right' | 'wrong') => {
      const answers = flow.questions.map((q) => ({
        questionId: q.id,
        answer: q.options!.find((o) => (o.label === rightLabel(person, q.id)) === (choose === 'right'))!.value,
      }));
      return t.call(
        'POST',
        '/v1/flows/current/verification',
        { birthDay: person.birthDay, birthMonth: person.birthMonth, answers },
        bearer(flow.flowToken),
      );
    };

    it('shows k options per choice question, for real and unknown identifications alike', () => {
      const k = t.config.limits.challengeOptions;
      const all = [...shownReal.values(), ...shownUnknown.values()].flatMap((s) => s.questions.filter((q) => q.kind === 'choice'));
      expect(all.length).toBeGreaterThan(1000);
      for (const q of all) expect(new Set(q.options!.map((o) => o.label)).size).toBe(k);
      // Every real person's right answer is among their options.
      for (const [id, s] of shownReal)
        for (const q of s.questions)
          if (q.kind === 'choice') expect(q.options!.map((o) => o.label)).toContain(rightLabel(byId.get(id)!, q.id));
    });

    it('no strategy reading the options beats chance by more than 0.03 per question', () => {
      const k = t.config.limits.challengeOptions;
      // What an attacker can learn from unknown identifications: how often each option is shown.
      const seenInDecoys = new Map<string, number>();
      for (const s of shownUnknown.values())
        for (const q of s.questions)
          for (const o of q.options ?? []) seenInDecoys.set(`${q.id}|${o.label}`, (seenInDecoys.get(`${q.id}|${o.label}`) ?? 0) + 1);
      // An insider's worst case: the registry's true answer frequencies.
      const share = new Map<string, number>();
      for (const r of registry)
        for (const q of FACT_QUESTIONS) {
          const v = answerOf(r.facts, q);
          if (v !== undefined && q.kinds.includes(r.kind)) share.set(`${q.id}|${v}`, (share.get(`${q.id}|${v}`) ?? 0) + 1);
        }
      const random = seededRandom(5);
      const byKey = (m: Map<string, number>, q: string) => (label: string) => m.get(`${q}|${label}`) ?? 0;
      type Strategy = (q: { id: string; options: Array<{ label: string }> }) => string;
      const argBy =
        (score: (label: string) => number, sign: 1 | -1): Strategy =>
        (q) =>
          [...q.options].sort((a, b) => sign * (score(a.label) - score(b.label)) || (a.label < b.label ? -1 : 1))[0]!.label;
      const years = (q: { options: Array<{ label: string }> }) => q.options.map((o) => Number(o.label)).sort((a, b) => a - b);
      const strategies: Record<string, Strategy> = {
        'rarest in decoys': (q) => argBy(byKey(seenInDecoys, q.id), 1)(q),
        'commonest in decoys': (q) => argBy(byKey(seenInDecoys, q.id), -1)(q),
        'registry likeliest': (q) => argBy(byKey(share, q.id), -1)(q),
        'registry rarest': (q) => argBy(byKey(share, q.id), 1)(q),
        'first option': (q) => q.options[0]!.label,
        'year median': (q) => (Number.isNaN(years(q)[0]) ? q.options[0]!.label : String(years(q)[Math.floor(q.options.length / 2)])),
        'year newest': (q) => (Number.isNaN(years(q)[0]) ? q.options[0]!.label : String(years(q).at(-1))),
        'random (control)': (q) => q.options[Math.floor(random() * q.options.length)]!.label,
      };
      const figures: string[] = [];
      for (const [name, pick] of Object.entries(strategies)) {
        let asked = 0;
        let right = 0;
        for (const [id, s] of shownReal)
          for (const q of s.questions) {
            if (q.kind !== 'choice') continue;
            asked++;
            if (pick({ id: q.id, options: q.options! }) === rightLabel(byId.get(id)!, q.id)) right++;
          }
        const rate = right / asked;
        figures.push(`${name}: ${rate.toFixed(3)} (${right}/${asked})`);
        expect(rate, name).toBeLessThanOrEqual(1 / k + TOLERANCE);
      }
      console.log(`[attacker model ${backend}] success per question, chance ${(1 / k).toFixed(3)}:\n  ${figures.join('\n  ')}`);
    });

    const features: Record<string, (s: Shown) => number> = {
      'number of questions': (s) => s.questions.length,
      case: (s) => (s.case === 'generar' ? 1 : 0),
      'question set': (s) => s.questions.reduce((h, q) => h * 31 + [...q.id].reduce((a, c) => a + c.charCodeAt(0), 0), 7) % 1000,
      attemptsLeft: (s) => s.attemptsLeft,
    };

    it('no feature of BUSCAR tells a registered identification from an unknown one (AUC ≤ 0.55)', () => {
      // Rarity of the options as OTHER decoys show them (leave-one-out: a decoy's own options are not
      // evidence about it): an anchored right answer would stand out.
      const seen = new Map<string, number>();
      for (const s of shownUnknown.values())
        for (const q of s.questions)
          for (const o of q.options ?? []) seen.set(`${q.id}|${o.label}`, (seen.get(`${q.id}|${o.label}`) ?? 0) + 1);
      const rarityOf = (own: number) => (s: Shown) =>
        Math.max(0, ...s.questions.flatMap((q) => (q.options ?? []).map((o) => 1 / (1 + (seen.get(`${q.id}|${o.label}`) ?? 0) - own))));
      const all: Record<string, [(s: Shown) => number, (s: Shown) => number]> = Object.fromEntries(
        Object.entries(features).map(([name, f]) => [name, [f, f]]),
      );
      all['rarest option shown'] = [rarityOf(0), rarityOf(1)];
      const figures: string[] = [];
      for (const [name, [forReal, forUnknown]] of Object.entries(all)) {
        const a = auc([...shownReal.values()].map(forReal), [...shownUnknown.values()].map(forUnknown));
        figures.push(`${name}: ${a.toFixed(3)}`);
        expect(a, name).toBeLessThanOrEqual(MAX_AUC);
      }
      console.log(`[attacker model ${backend}] real-vs-unknown AUC:\n  ${figures.join('\n  ')}`);
    });

    it("an import of new employers changes no one's options: a before/after comparison tells nothing (AUC ≤ 0.55)", async () => {
      const extra = syntheticRegistry({ seed: 31, size: 60, employers: 20 }).filter((r) => !byId.has(r.id));
      for (const r of extra)
        await upsertRecord(t.database.db, t.server.deps.hasher, { ...r, password: undefined, securityAnswers: undefined }, t.clock.now());
      forgetDistributions();
      const changed = async (id: string, before: Shown) => {
        const after = await buscar(id);
        const labels = (s: Shown) => s.questions.map((q) => `${q.id}:${(q.options ?? []).map((o) => o.label).join('|')}`).join(';');
        return labels(after) === labels(before) ? 0 : 1;
      };
      const sample = (m: Map<string, Shown>) => [...m.entries()].slice(0, 300);
      const realChanged: number[] = [];
      for (const [id, s] of sample(shownReal)) realChanged.push(await changed(id, s));
      const unknownChanged: number[] = [];
      for (const [id, s] of sample(shownUnknown)) unknownChanged.push(await changed(id, s));
      const a = auc(realChanged, unknownChanged);
      console.log(
        `[attacker model ${backend}] import diff: real changed ${realChanged.filter(Boolean).length}/300, unknown changed ${unknownChanged.filter(Boolean).length}/300, AUC ${a.toFixed(3)}`,
      );
      expect(a).toBeLessThanOrEqual(MAX_AUC);
      expect(realChanged.filter(Boolean).length).toBe(0);
    }, 300_000);

    it('the attempts counter shows no owner activity: a pass resets nothing, for real and unknown alike (AUC ≤ 0.55)', async () => {
      const owners = real.filter((r) => shownReal.get(r.id)!.case === 'generar' && r.kind !== 'dependant').slice(0, 40);
      const strangers = unknown.slice(500, 540);
      const wrong = (s: Shown) => ({
        birthDay: 1,
        birthMonth: 1,
        answers: s.questions.map((q) => ({ questionId: q.id, answer: q.kind === 'choice' ? 'op1' : 'x' })),
      });
      const after = async (id: string, owner?: RegistryRecord) => {
        for (let i = 0; i < 2; i++) {
          const f = await buscar(id);
          await t.call('POST', '/v1/flows/current/verification', wrong(f), bearer(f.flowToken));
        }
        if (owner) {
          const res = await verifyAs(owner, await buscar(id), 'right');
          expect(res.status).toBe(200);
        }
        return (await buscar(id)).attemptsLeft;
      };
      const realLeft = [];
      for (const o of owners) realLeft.push(await after(o.id, o));
      const unknownLeft = [];
      for (const id of strangers) unknownLeft.push(await after(id));
      const a = auc(realLeft, unknownLeft);
      console.log(`[attacker model ${backend}] counter after 2 failures (+ the owner's pass for real ones): AUC ${a.toFixed(3)}`);
      expect(a).toBeLessThanOrEqual(MAX_AUC);
    }, 300_000);

    it('"Necesito más tiempo" tells nothing either: the extension answers a real and an unknown identification alike (AUC ≤ 0.55)', async () => {
      // Fresh flows of people no other test here touches, each extended twice, a minute apart
      // (an extension gives the full lifetime again from now, so the clock has to move).
      const extend = async (flowToken: string) => {
        const r = await t.call('POST', '/v1/flows/current/extension', undefined, {
          ...bearer(flowToken),
          'idempotency-key': crypto.randomUUID(),
        });
        const given = r.status === 200 ? Date.parse(r.body.flowExpiresAt) - Date.parse(r.body.now) : -1;
        return [r.status, r.body.extensionsLeft ?? -1, given, Object.keys(r.body).sort().join(',').length];
      };
      const realFlows = [];
      for (const r of real.slice(600, 700)) realFlows.push((await buscar(r.id)).flowToken);
      const unknownFlows = [];
      for (const id of unknown.slice(700, 800)) unknownFlows.push((await buscar(id)).flowToken);
      const realAnswers: number[][] = realFlows.map(() => []);
      const unknownAnswers: number[][] = unknownFlows.map(() => []);
      for (let round = 0; round < 2; round++) {
        t.clock.advance(60_000);
        for (const [i, token] of realFlows.entries()) realAnswers[i]!.push(...(await extend(token)));
        for (const [i, token] of unknownFlows.entries()) unknownAnswers[i]!.push(...(await extend(token)));
      }
      expect(realAnswers.every((a) => a[0] === 200 && a[4] === 200)).toBe(true);
      const names = ['status', 'extensionsLeft', 'time given', 'answer keys'];
      const figures = realAnswers[0]!.map((_, i) => {
        const a = auc(
          realAnswers.map((x) => x[i]!),
          unknownAnswers.map((x) => x[i]!),
        );
        expect(a, `${names[i % 4]} (extension ${1 + Math.floor(i / 4)})`).toBeLessThanOrEqual(MAX_AUC);
        return `${names[i % 4]} ${1 + Math.floor(i / 4)}: ${a.toFixed(3)}`;
      });
      console.log(`[attacker model ${backend}] flow extension, real-vs-unknown AUC: ${figures.join(', ')}`);
    }, 300_000);

    it(`bounds blind takeover by policy: P(pass with a new address allowed) ≤ ${MAX_BLIND_PASS} per person over every attempt allowed`, async () => {
      // People a stranger could take over: generar, no address on record. A stratified sample by
      // challenge shape; for each, the server itself says how many attempts stay eligible.
      const targets = real.filter((r) => !r.email && shownReal.get(r.id)!.case === 'generar');
      const byShape = new Map<string, RegistryRecord[]>();
      for (const r of targets) {
        const shape = `${r.kind}:${shownReal
          .get(r.id)!
          .questions.map((q) => q.id)
          .join(',')}`;
        byShape.set(shape, [...(byShape.get(shape) ?? []), r]);
      }
      const k = t.config.limits.challengeOptions;
      const lines: string[] = [];
      let online = 0;
      // People the counter test above did not touch (its failures would count against their budget).
      const touched = new Set(
        real
          .filter((r) => shownReal.get(r.id)!.case === 'generar' && r.kind !== 'dependant')
          .slice(0, 40)
          .map((r) => r.id),
      );
      for (const [shape, people] of byShape) {
        const person = people.find((r) => !touched.has(r.id)) ?? people[0]!;
        const shown = shownReal.get(person.id)!;
        // P(one attempt with best guesses passes), from what BUSCAR shows: 1/k per question a
        // stranger can't know (the principal's name of a dependant is counted as known).
        const unknowable = shown.questions.filter((q) => q.id !== 'afiliado-titular').length;
        const p = (1 / k) ** unknowable;
        // Eligible attempts: the owner passes after j failures; is a new address still allowed?
        let eligible = 0;
        for (let j = 0; j < 20; j++) {
          const f = await buscar(person.id);
          if (f.attemptsLeft === 0) {
            t.clock.advance(t.config.limits.lockMinutes * 60_000 + 1000);
            j--;
            continue;
          }
          const pass = await verifyAs(person, f, 'right');
          expect(pass.status).toBe(200);
          if (pass.body.email.inPersonOnly) {
            // And the server refuses a new address then (not just the widget).
            const refused = await t.call(
              'POST',
              '/v1/flows/current/email',
              { mode: 'new', email: 'atacante@example.com' },
              bearer(f.flowToken),
            );
            expect(refused.status).toBe(403);
            break;
          }
          eligible++;
          await verifyAs(person, await buscar(person.id), 'wrong');
        }
        const bound = eligible * p;
        if (eligible > 0) online += people.length;
        lines.push(`${shape} (${people.length} people): p=${p.toExponential(1)} × ${eligible} eligible attempts = ${bound.toFixed(4)}`);
        expect(bound, shape).toBeLessThanOrEqual(MAX_BLIND_PASS * (1 + 1e-9));
      }
      console.log(
        `[attacker model ${backend}] takeover bound per challenge shape (a year, so any 30 days):\n  ${lines.join('\n  ')}\n  share of such people who can still register a new address online: ${(online / targets.length).toFixed(3)} of ${targets.length}`,
      );
      expect(targets.length).toBeGreaterThan(100);
    }, 600_000);
  });
}
