/**
 * The sampling that makes options uninformative (server/domain/option-sampling.ts, issue 9 §1):
 * for a person drawn from the registry, every option of the drawn set is equally likely to be the
 * right one, whatever its frequency — measured here by simulation, with a seeded generator.
 */
import { describe, expect, it } from 'vitest';
import { drawOptions, prepareDistribution } from '../../server/domain/option-sampling.ts';
import { seededRandom, syntheticRegistry, TEST_POPULATION, DEMO_POPULATION } from '../../server/registry/synthetic.ts';
import { DEMO_IDENTITIES } from '../../server/demo/identities.ts';
import { answerOf, FACT_QUESTIONS } from '../../server/domain/challenge.ts';

// A skewed registry: 60 answers with Zipf-like counts (the commonest 60 times the rarest), none
// held by more than 1/k of it.
const counts = new Map<string, number>(Array.from({ length: 60 }, (_, i) => [`E${i}`, Math.round(60 / (i + 1))] as const));
const k = 4;

describe('option sampling (issue 9 §1)', () => {
  it('gives k distinct options that contain the right answer, and odds that sum to 1', () => {
    const dist = prepareDistribution(counts, k)!;
    const random = seededRandom(1);
    for (let n = 0; n < 500; n++) {
      const right = `E${n % 60}`;
      const { options, odds } = drawOptions(dist, right, random);
      expect(new Set(options).size).toBe(k);
      expect(options).toContain(right);
      expect(odds.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
  });

  it('shows the options in reading order — years ascending, names alphabetical in Spanish — so a person finds theirs; the order is a function of the set alone, so it says nothing of which is right', () => {
    const years = prepareDistribution(new Map(Array.from({ length: 30 }, (_, i) => [String(1990 + i), 1 + (i % 7)])), k)!;
    const names = prepareDistribution(
      new Map(
        [
          'ÉXITO S.A.',
          'ÁGUILA CÍA.',
          'ZAPATA E.P.',
          'BANCO S.A.',
          'ÑANDÚ S.A.',
          'CERÁMICA C.A.',
          'NORTE S.A.',
          'ORO S.A.',
          'ANDES S.A.',
          'DELTA S.A.',
          'FARO S.A.',
        ].map((n) => [n, 3]),
      ),
      k,
    )!;
    const collator = new Intl.Collator('es', { numeric: true });
    const random = seededRandom(7);
    for (let n = 0; n < 50; n++) {
      for (const [dist, right] of [
        [years, String(1990 + (n % 30))],
        [names, 'ÉXITO S.A.'],
      ] as const) {
        for (const drawn of [drawOptions(dist, right, random), drawOptions(dist, undefined, random)]) {
          expect(drawn.options).toEqual([...drawn.options].sort(collator.compare));
        }
      }
    }
  });

  it('the right answer is as likely to be the rarest option of the set as the commonest (uniform posterior)', () => {
    const dist = prepareDistribution(counts, k)!;
    const random = seededRandom(2);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const answers = [...counts.entries()].flatMap(([v, c]) => Array<string>(c).fill(v));
    // rank of the right answer among its options, by registry frequency (0 = rarest)
    const byRank = Array<number>(k).fill(0);
    const trials = 40_000;
    for (let n = 0; n < trials; n++) {
      const right = answers[Math.floor(random() * total)]!;
      const { options } = drawOptions(dist, right, random);
      const ranked = [...options].sort((a, b) => counts.get(a)! - counts.get(b)! || (a < b ? -1 : 1));
      byRank[ranked.indexOf(right)]!++;
    }
    for (const hits of byRank) expect(Math.abs(hits / trials - 1 / k)).toBeLessThan(0.015);
  });

  it('without a right answer (a decoy), each answer is offered in proportion to its frequency', () => {
    const dist = prepareDistribution(counts, k)!;
    const random = seededRandom(3);
    const offered = new Map<string, number>();
    const trials = 20_000;
    for (let n = 0; n < trials; n++)
      for (const o of drawOptions(dist, undefined, random).options) offered.set(o, (offered.get(o) ?? 0) + 1);
    dist.values.forEach((v, i) => expect(Math.abs(offered.get(v)! / trials - dist.inclusion[i]!)).toBeLessThan(0.02));
  });

  it('caps an answer held by more than 1/k of the registry (always offered) and reports its larger odds', () => {
    const dist = prepareDistribution(new Map([['A', 50], ...Array.from({ length: 20 }, (_, i) => [`B${i}`, 2] as const)]), k)!;
    expect(dist.inclusion[dist.index.get('A')!]).toBe(1);
    expect(dist.inclusion.reduce((a, b) => a + b, 0)).toBeCloseTo(k, 9);
    const { options, odds } = drawOptions(dist, 'B3', seededRandom(4));
    expect(options).toContain('A');
    expect(odds[options.indexOf('A')]!).toBeGreaterThan(1 / k);
  });

  it('no answer is capped in the test and demo registries, so their people are bound exactly by 1/k per question', () => {
    for (const population of [TEST_POPULATION, DEMO_POPULATION]) {
      const registry = [...DEMO_IDENTITIES, ...syntheticRegistry(population)];
      for (const q of FACT_QUESTIONS) {
        const c = new Map<string, number>();
        for (const r of registry) {
          const v = q.kinds.includes(r.kind) ? answerOf(r.facts, q) : undefined;
          if (v !== undefined) c.set(v, (c.get(v) ?? 0) + 1);
        }
        const dist = prepareDistribution(c, 10);
        expect(dist, `${q.id} is askable`).toBeDefined();
        expect(Math.max(...dist!.inclusion), q.id).toBeLessThan(1);
      }
    }
  });
});
